// The page's own strings in اردو (ours; keyed by their English text).
export default {
	"Use via API": "API کے ذریعے استعمال کریں",
	"Built with Trellis": "Trellis سے بنایا گیا",
	"Settings": "ترتیبات",
	"Display Theme": "ڈسپلے تھیم",
	"Language": "زبان",
	"Progressive Web App": "پروگریسو ویب ایپ",
	"Drop Image Here": "تصویر یہاں چھوڑیں",
	"Drop Video Here": "ویڈیو یہاں چھوڑیں",
	"Drop Audio Here": "آڈیو یہاں چھوڑیں",
	"Drop File Here": "فائل یہاں چھوڑیں",
	"Drop Media Here": "میڈیا یہاں چھوڑیں",
	"Drop Folder Here": "فولڈر یہاں چھوڑیں",
	"- or -": "- یا -",
	"Click to Upload": "اپ لوڈ کرنے کے لیے کلک کریں",
};
