// The page's own strings in Русский (ours; keyed by their English text).
export default {
	"Use via API": "Использовать через API",
	"Built with Trellis": "Сделано на Trellis",
	"Settings": "Настройки",
	"Display Theme": "Тема оформления",
	"Language": "Язык",
	"Progressive Web App": "Прогрессивное веб-приложение",
	"Drop Image Here": "Перетащите изображение сюда",
	"Drop Video Here": "Перетащите видео сюда",
	"Drop Audio Here": "Перетащите аудио сюда",
	"Drop File Here": "Перетащите файл сюда",
	"Drop Media Here": "Перетащите медиафайл сюда",
	"Drop Folder Here": "Перетащите папку сюда",
	"- or -": "- или -",
	"Click to Upload": "Нажмите, чтобы загрузить",
};
