// The page's own strings in 繁體中文 (ours; keyed by their English text).
export default {
	"Use via API": "透過 API 呼叫",
	"Built with Trellis": "以 Trellis 打造",
	"Settings": "設定",
	"Display Theme": "顯示主題",
	"Language": "語言",
	"Progressive Web App": "漸進式網頁應用程式",
	"Drop Image Here": "將圖片拖曳至此",
	"Drop Video Here": "將影片拖曳至此",
	"Drop Audio Here": "將音訊拖曳至此",
	"Drop File Here": "將檔案拖曳至此",
	"Drop Media Here": "將媒體拖曳至此",
	"Drop Folder Here": "將資料夾拖曳至此",
	"- or -": "- 或 -",
	"Click to Upload": "點擊上傳",
};
