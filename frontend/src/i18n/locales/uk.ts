// The page's own strings in Українська (ours; keyed by their English text).
export default {
	"Use via API": "Використати через API",
	"Built with Trellis": "Зроблено на Trellis",
	"Settings": "Налаштування",
	"Display Theme": "Тема відображення",
	"Language": "Мова",
	"Progressive Web App": "Прогресивний вебзастосунок",
	"Drop Image Here": "Перетягніть зображення сюди",
	"Drop Video Here": "Перетягніть відео сюди",
	"Drop Audio Here": "Перетягніть аудіо сюди",
	"Drop File Here": "Перетягніть файл сюди",
	"Drop Media Here": "Перетягніть медіа сюди",
	"Drop Folder Here": "Перетягніть теку сюди",
	"- or -": "- або -",
	"Click to Upload": "Натисніть, щоб завантажити",
};
