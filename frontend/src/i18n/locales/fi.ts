// The page's own strings in Suomi (ours; keyed by their English text).
export default {
	"Use via API": "Käytä API:n kautta",
	"Built with Trellis": "Tehty Trellisillä",
	"Settings": "Asetukset",
	"Display Theme": "Näyttöteema",
	"Language": "Kieli",
	"Progressive Web App": "Progressiivinen verkkosovellus",
	"Drop Image Here": "Pudota kuva tähän",
	"Drop Video Here": "Pudota video tähän",
	"Drop Audio Here": "Pudota ääni tähän",
	"Drop File Here": "Pudota tiedosto tähän",
	"Drop Media Here": "Pudota media tähän",
	"Drop Folder Here": "Pudota kansio tähän",
	"- or -": "- tai -",
	"Click to Upload": "Napsauta ladataksesi",
};
