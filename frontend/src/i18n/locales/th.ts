// The page's own strings in ไทย (ours; keyed by their English text).
export default {
	"Use via API": "ใช้งานผ่าน API",
	"Built with Trellis": "สร้างด้วย Trellis",
	"Settings": "การตั้งค่า",
	"Display Theme": "ธีมการแสดงผล",
	"Language": "ภาษา",
	"Progressive Web App": "โปรเกรสซีฟเว็บแอป",
	"Drop Image Here": "วางรูปภาพที่นี่",
	"Drop Video Here": "วางวิดีโอที่นี่",
	"Drop Audio Here": "วางไฟล์เสียงที่นี่",
	"Drop File Here": "วางไฟล์ที่นี่",
	"Drop Media Here": "วางสื่อที่นี่",
	"Drop Folder Here": "วางโฟลเดอร์ที่นี่",
	"- or -": "- หรือ -",
	"Click to Upload": "คลิกเพื่ออัปโหลด",
};
