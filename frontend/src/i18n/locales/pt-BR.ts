// The page's own strings in Português do Brasil (ours; keyed by their English text).
export default {
	"Use via API": "Usar pela API",
	"Built with Trellis": "Feito com Trellis",
	"Settings": "Configurações",
	"Display Theme": "Tema de exibição",
	"Language": "Idioma",
	"Progressive Web App": "Aplicativo web progressivo",
	"Drop Image Here": "Solte uma imagem aqui",
	"Drop Video Here": "Solte um vídeo aqui",
	"Drop Audio Here": "Solte um áudio aqui",
	"Drop File Here": "Solte um arquivo aqui",
	"Drop Media Here": "Solte mídia aqui",
	"Drop Folder Here": "Solte uma pasta aqui",
	"- or -": "- ou -",
	"Click to Upload": "Clique para enviar",
};
