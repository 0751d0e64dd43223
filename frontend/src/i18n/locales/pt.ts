// The page's own strings in Português (ours; keyed by their English text).
export default {
	"Use via API": "Usar através da API",
	"Built with Trellis": "Feito com Trellis",
	"Settings": "Definições",
	"Display Theme": "Tema de apresentação",
	"Language": "Idioma",
	"Progressive Web App": "Aplicação web progressiva",
	"Drop Image Here": "Largue uma imagem aqui",
	"Drop Video Here": "Largue um vídeo aqui",
	"Drop Audio Here": "Largue um áudio aqui",
	"Drop File Here": "Largue um ficheiro aqui",
	"Drop Media Here": "Largue multimédia aqui",
	"Drop Folder Here": "Largue uma pasta aqui",
	"- or -": "- ou -",
	"Click to Upload": "Clique para carregar",
};
