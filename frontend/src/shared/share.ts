// The share buttons of Image, Audio, Video, Gallery and Chatbot. Gradio shares to a discussion of the
// Hugging Face Space the app runs on; anywhere else its button fails with this message, shown as an
// error toast (a component dispatches it as its "error" event). Trellis always behaves as off Spaces.

export const SHARE_UNAVAILABLE = "Must be on Spaces to share.";
