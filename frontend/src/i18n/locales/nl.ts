// The page's own strings in Nederlands (ours; keyed by their English text).
export default {
	"Use via API": "Gebruiken via de API",
	"Built with Trellis": "Gemaakt met Trellis",
	"Settings": "Instellingen",
	"Display Theme": "Weergavethema",
	"Language": "Taal",
	"Progressive Web App": "Progressieve webapp",
	"Drop Image Here": "Sleep een afbeelding hierheen",
	"Drop Video Here": "Sleep een video hierheen",
	"Drop Audio Here": "Sleep audio hierheen",
	"Drop File Here": "Sleep een bestand hierheen",
	"Drop Media Here": "Sleep media hierheen",
	"Drop Folder Here": "Sleep een map hierheen",
	"- or -": "- of -",
	"Click to Upload": "Klik om te uploaden",
};
