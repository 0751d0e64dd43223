// The page's own strings in Español (ours; keyed by their English text).
export default {
	"Use via API": "Usar mediante la API",
	"Built with Trellis": "Hecho con Trellis",
	"Settings": "Ajustes",
	"Display Theme": "Tema de visualización",
	"Language": "Idioma",
	"Progressive Web App": "Aplicación web progresiva",
	"Drop Image Here": "Suelta una imagen aquí",
	"Drop Video Here": "Suelta un vídeo aquí",
	"Drop Audio Here": "Suelta un audio aquí",
	"Drop File Here": "Suelta un archivo aquí",
	"Drop Media Here": "Suelta contenido multimedia aquí",
	"Drop Folder Here": "Suelta una carpeta aquí",
	"- or -": "- o -",
	"Click to Upload": "Haz clic para subir",
};
