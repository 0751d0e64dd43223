// The page's own strings in हिन्दी (ours; keyed by their English text).
export default {
	"Use via API": "API के ज़रिए इस्तेमाल करें",
	"Built with Trellis": "Trellis से बनाया गया",
	"Settings": "सेटिंग्स",
	"Display Theme": "डिस्प्ले थीम",
	"Language": "भाषा",
	"Progressive Web App": "प्रोग्रेसिव वेब ऐप",
	"Drop Image Here": "चित्र यहाँ छोड़ें",
	"Drop Video Here": "वीडियो यहाँ छोड़ें",
	"Drop Audio Here": "ऑडियो यहाँ छोड़ें",
	"Drop File Here": "फ़ाइल यहाँ छोड़ें",
	"Drop Media Here": "मीडिया यहाँ छोड़ें",
	"Drop Folder Here": "फ़ोल्डर यहाँ छोड़ें",
	"- or -": "- या -",
	"Click to Upload": "अपलोड करने के लिए क्लिक करें",
};
