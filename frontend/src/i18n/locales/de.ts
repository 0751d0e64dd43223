// The page's own strings in Deutsch (ours; keyed by their English text).
export default {
	"Use via API": "Per API nutzen",
	"Built with Trellis": "Gebaut mit Trellis",
	"Settings": "Einstellungen",
	"Display Theme": "Darstellung",
	"Language": "Sprache",
	"Progressive Web App": "Progressive Web-App",
	"Drop Image Here": "Bild hierher ziehen",
	"Drop Video Here": "Video hierher ziehen",
	"Drop Audio Here": "Audio hierher ziehen",
	"Drop File Here": "Datei hierher ziehen",
	"Drop Media Here": "Medien hierher ziehen",
	"Drop Folder Here": "Ordner hierher ziehen",
	"- or -": "- oder -",
	"Click to Upload": "Zum Hochladen klicken",
};
