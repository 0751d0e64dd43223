// The page's own strings in Bahasa Indonesia (ours; keyed by their English text).
export default {
	"Use via API": "Gunakan lewat API",
	"Built with Trellis": "Dibuat dengan Trellis",
	"Settings": "Pengaturan",
	"Display Theme": "Tema tampilan",
	"Language": "Bahasa",
	"Progressive Web App": "Aplikasi web progresif",
	"Drop Image Here": "Letakkan gambar di sini",
	"Drop Video Here": "Letakkan video di sini",
	"Drop Audio Here": "Letakkan audio di sini",
	"Drop File Here": "Letakkan berkas di sini",
	"Drop Media Here": "Letakkan media di sini",
	"Drop Folder Here": "Letakkan folder di sini",
	"- or -": "- atau -",
	"Click to Upload": "Klik untuk mengunggah",
};
