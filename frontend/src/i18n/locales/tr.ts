// The page's own strings in Türkçe (ours; keyed by their English text).
export default {
	"Use via API": "API ile kullan",
	"Built with Trellis": "Trellis ile yapıldı",
	"Settings": "Ayarlar",
	"Display Theme": "Görünüm teması",
	"Language": "Dil",
	"Progressive Web App": "Aşamalı web uygulaması",
	"Drop Image Here": "Görseli buraya bırakın",
	"Drop Video Here": "Videoyu buraya bırakın",
	"Drop Audio Here": "Sesi buraya bırakın",
	"Drop File Here": "Dosyayı buraya bırakın",
	"Drop Media Here": "Medyayı buraya bırakın",
	"Drop Folder Here": "Klasörü buraya bırakın",
	"- or -": "- veya -",
	"Click to Upload": "Yüklemek için tıklayın",
};
