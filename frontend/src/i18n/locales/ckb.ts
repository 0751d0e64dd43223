// The page's own strings in کوردی (ours; keyed by their English text).
export default {
	"Use via API": "بەکارهێنان لە ڕێگەی API",
	"Built with Trellis": "دروستکراوە بە Trellis",
	"Settings": "ڕێکخستنەکان",
	"Display Theme": "ڕووکاری پیشاندان",
	"Language": "زمان",
	"Progressive Web App": "بەرنامەی وێبی پێشکەوتوو",
	"Drop Image Here": "وێنە لێرە دابنێ",
	"Drop Video Here": "ڤیدیۆ لێرە دابنێ",
	"Drop Audio Here": "دەنگ لێرە دابنێ",
	"Drop File Here": "فایل لێرە دابنێ",
	"Drop Media Here": "میدیا لێرە دابنێ",
	"Drop Folder Here": "بوخچە لێرە دابنێ",
	"- or -": "- یان -",
	"Click to Upload": "کرتە بکە بۆ بارکردن",
};
