// The notices the API's terms require an application to show its end users: before they
// upload assets for AI generation, and before they download generated output.
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

}  // namespace tiktok_aigc
