// The page's own strings in עברית (ours; keyed by their English text).
export default {
	"Use via API": "שימוש דרך ה-API",
	"Built with Trellis": "נוצר עם Trellis",
	"Settings": "הגדרות",
	"Display Theme": "ערכת תצוגה",
	"Language": "שפה",
	"Progressive Web App": "יישום רשת מתקדם",
	"Drop Image Here": "גררו תמונה לכאן",
	"Drop Video Here": "גררו סרטון לכאן",
	"Drop Audio Here": "גררו קובץ שמע לכאן",
	"Drop File Here": "גררו קובץ לכאן",
	"Drop Media Here": "גררו מדיה לכאן",
	"Drop Folder Here": "גררו תיקייה לכאן",
	"- or -": "- או -",
	"Click to Upload": "לחצו להעלאה",
};
