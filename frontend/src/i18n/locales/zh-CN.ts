// The page's own strings in 简体中文 (ours; keyed by their English text).
export default {
	"Use via API": "通过 API 调用",
	"Built with Trellis": "由 Trellis 构建",
	"Settings": "设置",
	"Display Theme": "显示主题",
	"Language": "语言",
	"Progressive Web App": "渐进式 Web 应用",
	"Drop Image Here": "把图片拖到这里",
	"Drop Video Here": "把视频拖到这里",
	"Drop Audio Here": "把音频拖到这里",
	"Drop File Here": "把文件拖到这里",
	"Drop Media Here": "把媒体拖到这里",
	"Drop Folder Here": "把文件夹拖到这里",
	"- or -": "- 或 -",
	"Click to Upload": "点击上传",
};
