// The page's own strings in Svenska (ours; keyed by their English text).
export default {
	"Use via API": "Använd via API",
	"Built with Trellis": "Byggd med Trellis",
	"Settings": "Inställningar",
	"Display Theme": "Visningstema",
	"Language": "Språk",
	"Progressive Web App": "Progressiv webbapp",
	"Drop Image Here": "Släpp en bild här",
	"Drop Video Here": "Släpp en video här",
	"Drop Audio Here": "Släpp ljud här",
	"Drop File Here": "Släpp en fil här",
	"Drop Media Here": "Släpp media här",
	"Drop Folder Here": "Släpp en mapp här",
	"- or -": "- eller -",
	"Click to Upload": "Klicka för att ladda upp",
};
