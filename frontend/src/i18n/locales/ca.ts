// The page's own strings in Català (ours; keyed by their English text).
export default {
	"Use via API": "Utilitza mitjançant l'API",
	"Built with Trellis": "Fet amb Trellis",
	"Settings": "Configuració",
	"Display Theme": "Tema de visualització",
	"Language": "Llengua",
	"Progressive Web App": "Aplicació web progressiva",
	"Drop Image Here": "Deixa anar una imatge aquí",
	"Drop Video Here": "Deixa anar un vídeo aquí",
	"Drop Audio Here": "Deixa anar un àudio aquí",
	"Drop File Here": "Deixa anar un fitxer aquí",
	"Drop Media Here": "Deixa anar multimèdia aquí",
	"Drop Folder Here": "Deixa anar una carpeta aquí",
	"- or -": "- o -",
	"Click to Upload": "Fes clic per pujar",
};
