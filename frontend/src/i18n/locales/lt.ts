// The page's own strings in Lietuvių (ours; keyed by their English text).
export default {
	"Use via API": "Naudoti per API",
	"Built with Trellis": "Sukurta su Trellis",
	"Settings": "Nustatymai",
	"Display Theme": "Rodymo tema",
	"Language": "Kalba",
	"Progressive Web App": "Progresyvioji žiniatinklio programa",
	"Drop Image Here": "Nutempkite paveikslėlį čia",
	"Drop Video Here": "Nutempkite vaizdo įrašą čia",
	"Drop Audio Here": "Nutempkite garso įrašą čia",
	"Drop File Here": "Nutempkite failą čia",
	"Drop Media Here": "Nutempkite mediją čia",
	"Drop Folder Here": "Nutempkite aplanką čia",
	"- or -": "- arba -",
	"Click to Upload": "Spustelėkite, kad įkeltumėte",
};
