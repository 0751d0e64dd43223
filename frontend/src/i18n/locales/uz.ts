// The page's own strings in Oʻzbekcha (ours; keyed by their English text).
export default {
	"Use via API": "API orqali foydalanish",
	"Built with Trellis": "Trellis bilan yaratilgan",
	"Settings": "Sozlamalar",
	"Display Theme": "Koʻrinish mavzusi",
	"Language": "Til",
	"Progressive Web App": "Progressiv veb-ilova",
	"Drop Image Here": "Rasmni shu yerga tashlang",
	"Drop Video Here": "Videoni shu yerga tashlang",
	"Drop Audio Here": "Audioni shu yerga tashlang",
	"Drop File Here": "Faylni shu yerga tashlang",
	"Drop Media Here": "Mediani shu yerga tashlang",
	"Drop Folder Here": "Jildni shu yerga tashlang",
	"- or -": "- yoki -",
	"Click to Upload": "Yuklash uchun bosing",
};
