// The page's own strings in Français (ours; keyed by their English text).
export default {
	"Use via API": "Utiliser par l'API",
	"Built with Trellis": "Fait avec Trellis",
	"Settings": "Paramètres",
	"Display Theme": "Thème d'affichage",
	"Language": "Langue",
	"Progressive Web App": "Application web progressive",
	"Drop Image Here": "Déposer une image ici",
	"Drop Video Here": "Déposer une vidéo ici",
	"Drop Audio Here": "Déposer un son ici",
	"Drop File Here": "Déposer un fichier ici",
	"Drop Media Here": "Déposer un média ici",
	"Drop Folder Here": "Déposer un dossier ici",
	"- or -": "- ou -",
	"Click to Upload": "Cliquer pour envoyer",
};
