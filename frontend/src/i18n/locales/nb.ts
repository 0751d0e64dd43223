// The page's own strings in Norsk bokmål (ours; keyed by their English text).
export default {
	"Use via API": "Bruk gjennom API",
	"Built with Trellis": "Laget med Trellis",
	"Settings": "Innstillinger",
	"Display Theme": "Visningstema",
	"Language": "Språk",
	"Progressive Web App": "Progressiv nettapp",
	"Drop Image Here": "Slipp et bilde her",
	"Drop Video Here": "Slipp en video her",
	"Drop Audio Here": "Slipp lyd her",
	"Drop File Here": "Slipp en fil her",
	"Drop Media Here": "Slipp medier her",
	"Drop Folder Here": "Slipp en mappe her",
	"- or -": "- eller -",
	"Click to Upload": "Klikk for å laste opp",
};
