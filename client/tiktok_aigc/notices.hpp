// The notices the API's terms require an application to show its end users: before they
// upload assets for AI generation, before they download generated output, and before they
// first have a video dubbed.
#pragma once

namespace tiktok_aigc {

inline constexpr const char* kUploadNotice =
    "By uploading assets, you confirm that you have the necessary legal rights to these assets, "
    "the assets do not include any user generated content, and you are authorized to grant "
    "TikTok permission to scan and modify the assets. You may not upload any assets that would "
    "violate TikTok's Ad Policies or Community Guidelines.";

inline constexpr const char* kDownloadNotice =
    "If you choose to download and edit any output, you agree that such output can only be "
    "shared or published on TikTok-branded platforms, and that you will not intentionally "
    "remove or modify any watermarks contained therein.";

// Dubbed Translations: the user must agree to this actively (a checkbox, or another act of
// their own, tied to the button that starts the dubbing) the first time they pick a video
// to dub, before any call for it. The terms list what the user confirms; this text states
// each of those points.
inline constexpr const char* kDubbingConsent =
    "Before this video is dubbed, please confirm that: (1) you hold the rights to the video and "
    "have the consent of everyone who appears in it; (2) it contains no unauthorized user "
    "generated content; (3) everyone shown in it is 18 or older; (4) no one shown in it lives "
    "in, or is in, Illinois or Texas; (5) you may allow TikTok to scan and modify it; and "
    "(6) it does not violate TikTok's Ad Policies or Community Guidelines.";

}  // namespace tiktok_aigc
