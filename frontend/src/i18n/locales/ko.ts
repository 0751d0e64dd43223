// The page's own strings in 한국어 (ours; keyed by their English text).
export default {
	"Use via API": "API로 사용하기",
	"Built with Trellis": "Trellis로 제작",
	"Settings": "설정",
	"Display Theme": "화면 테마",
	"Language": "언어",
	"Progressive Web App": "프로그레시브 웹 앱",
	"Drop Image Here": "이미지를 여기에 놓으세요",
	"Drop Video Here": "동영상을 여기에 놓으세요",
	"Drop Audio Here": "오디오를 여기에 놓으세요",
	"Drop File Here": "파일을 여기에 놓으세요",
	"Drop Media Here": "미디어를 여기에 놓으세요",
	"Drop Folder Here": "폴더를 여기에 놓으세요",
	"- or -": "- 또는 -",
	"Click to Upload": "클릭하여 업로드",
};
