// The page's own strings in Eesti (ours; keyed by their English text).
export default {
	"Use via API": "Kasuta API kaudu",
	"Built with Trellis": "Tehtud Trellisega",
	"Settings": "Seaded",
	"Display Theme": "Kuvateema",
	"Language": "Keel",
	"Progressive Web App": "Progressiivne veebirakendus",
	"Drop Image Here": "Lohista pilt siia",
	"Drop Video Here": "Lohista video siia",
	"Drop Audio Here": "Lohista heli siia",
	"Drop File Here": "Lohista fail siia",
	"Drop Media Here": "Lohista meedia siia",
	"Drop Folder Here": "Lohista kaust siia",
	"- or -": "- või -",
	"Click to Upload": "Klõpsa üleslaadimiseks",
};
