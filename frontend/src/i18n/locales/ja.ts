// The page's own strings in 日本語 (ours; keyed by their English text).
export default {
	"Use via API": "API で使う",
	"Built with Trellis": "Trellis で構築",
	"Settings": "設定",
	"Display Theme": "表示テーマ",
	"Language": "言語",
	"Progressive Web App": "プログレッシブウェブアプリ",
	"Drop Image Here": "画像をここにドロップ",
	"Drop Video Here": "動画をここにドロップ",
	"Drop Audio Here": "音声をここにドロップ",
	"Drop File Here": "ファイルをここにドロップ",
	"Drop Media Here": "メディアをここにドロップ",
	"Drop Folder Here": "フォルダをここにドロップ",
	"- or -": "- または -",
	"Click to Upload": "クリックしてアップロード",
};
