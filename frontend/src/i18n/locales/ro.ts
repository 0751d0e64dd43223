// The page's own strings in Română (ours; keyed by their English text).
export default {
	"Use via API": "Folosește prin API",
	"Built with Trellis": "Creat cu Trellis",
	"Settings": "Setări",
	"Display Theme": "Tema de afișare",
	"Language": "Limbă",
	"Progressive Web App": "Aplicație web progresivă",
	"Drop Image Here": "Plasează o imagine aici",
	"Drop Video Here": "Plasează un videoclip aici",
	"Drop Audio Here": "Plasează un fișier audio aici",
	"Drop File Here": "Plasează un fișier aici",
	"Drop Media Here": "Plasează conținut media aici",
	"Drop Folder Here": "Plasează un dosar aici",
	"- or -": "- sau -",
	"Click to Upload": "Clic pentru a încărca",
};
