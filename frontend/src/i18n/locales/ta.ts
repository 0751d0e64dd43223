// The page's own strings in தமிழ் (ours; keyed by their English text).
export default {
	"Use via API": "API வழியாகப் பயன்படுத்தவும்",
	"Built with Trellis": "Trellis கொண்டு உருவாக்கப்பட்டது",
	"Settings": "அமைப்புகள்",
	"Display Theme": "காட்சி தீம்",
	"Language": "மொழி",
	"Progressive Web App": "முற்போக்கு வலைச் செயலி",
	"Drop Image Here": "படத்தை இங்கே விடவும்",
	"Drop Video Here": "காணொளியை இங்கே விடவும்",
	"Drop Audio Here": "ஒலியை இங்கே விடவும்",
	"Drop File Here": "கோப்பை இங்கே விடவும்",
	"Drop Media Here": "ஊடகத்தை இங்கே விடவும்",
	"Drop Folder Here": "கோப்புறையை இங்கே விடவும்",
	"- or -": "- அல்லது -",
	"Click to Upload": "பதிவேற்ற சொடுக்கவும்",
};
