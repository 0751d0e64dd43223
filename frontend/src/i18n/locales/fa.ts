// The page's own strings in فارسی (ours; keyed by their English text).
export default {
	"Use via API": "استفاده از طریق API",
	"Built with Trellis": "ساخته‌شده با Trellis",
	"Settings": "تنظیمات",
	"Display Theme": "پوسته نمایش",
	"Language": "زبان",
	"Progressive Web App": "وب‌اپلیکیشن پیش‌رونده",
	"Drop Image Here": "تصویر را اینجا رها کنید",
	"Drop Video Here": "ویدیو را اینجا رها کنید",
	"Drop Audio Here": "صدا را اینجا رها کنید",
	"Drop File Here": "فایل را اینجا رها کنید",
	"Drop Media Here": "رسانه را اینجا رها کنید",
	"Drop Folder Here": "پوشه را اینجا رها کنید",
	"- or -": "- یا -",
	"Click to Upload": "برای بارگذاری کلیک کنید",
};
