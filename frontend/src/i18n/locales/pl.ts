// The page's own strings in Polski (ours; keyed by their English text).
export default {
	"Use via API": "Użyj przez API",
	"Built with Trellis": "Zbudowano w Trellis",
	"Settings": "Ustawienia",
	"Display Theme": "Motyw wyświetlania",
	"Language": "Język",
	"Progressive Web App": "Progresywna aplikacja internetowa",
	"Drop Image Here": "Upuść obraz tutaj",
	"Drop Video Here": "Upuść wideo tutaj",
	"Drop Audio Here": "Upuść dźwięk tutaj",
	"Drop File Here": "Upuść plik tutaj",
	"Drop Media Here": "Upuść multimedia tutaj",
	"Drop Folder Here": "Upuść folder tutaj",
	"- or -": "- lub -",
	"Click to Upload": "Kliknij, aby przesłać",
};
