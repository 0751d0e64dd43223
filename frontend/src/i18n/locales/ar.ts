// The page's own strings in العربية (ours; keyed by their English text).
export default {
	"Use via API": "الاستخدام عبر واجهة API",
	"Built with Trellis": "صُنع باستخدام Trellis",
	"Settings": "الإعدادات",
	"Display Theme": "سمة العرض",
	"Language": "اللغة",
	"Progressive Web App": "تطبيق ويب تقدمي",
	"Drop Image Here": "اسحب صورة وأفلتها هنا",
	"Drop Video Here": "اسحب فيديو وأفلته هنا",
	"Drop Audio Here": "اسحب ملفًا صوتيًا وأفلته هنا",
	"Drop File Here": "اسحب ملفًا وأفلته هنا",
	"Drop Media Here": "اسحب وسائط وأفلتها هنا",
	"Drop Folder Here": "اسحب مجلدًا وأفلته هنا",
	"- or -": "- أو -",
	"Click to Upload": "انقر للرفع",
};
