// The page's own strings in Euskara (ours; keyed by their English text).
export default {
	"Use via API": "Erabili APIaren bidez",
	"Built with Trellis": "Trellis-ekin egina",
	"Settings": "Ezarpenak",
	"Display Theme": "Bistaratze-gaia",
	"Language": "Hizkuntza",
	"Progressive Web App": "Web aplikazio progresiboa",
	"Drop Image Here": "Jaregin irudia hemen",
	"Drop Video Here": "Jaregin bideoa hemen",
	"Drop Audio Here": "Jaregin audioa hemen",
	"Drop File Here": "Jaregin fitxategia hemen",
	"Drop Media Here": "Jaregin multimedia hemen",
	"Drop Folder Here": "Jaregin karpeta hemen",
	"- or -": "- edo -",
	"Click to Upload": "Egin klik igotzeko",
};
