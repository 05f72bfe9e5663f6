// The return codes the mock answers with (names from the official SDK's constants), and the
// message the live API gives for each where one is known.
#pragma once

#include <string>

namespace tiktok_aigc::mock::codes {

constexpr int kOk = 0;
constexpr int kParamError = 40002;
constexpr int kNotExist = 40007;
constexpr int kIdLimitExceed = 40011;
constexpr int kRequestTooFrequent = 40100;
constexpr int kEmptyAccessToken = 40104;
constexpr int kInvalidAccessToken = 40105;
constexpr int kNotInWhitelist = 40118;
constexpr int kSignatureError = 40900;
constexpr int kUrlFetchTimeout = 40902;
constexpr int kUrlUnavailable = 40903;
constexpr int kFileEmpty = 40906;
constexpr int kFileTooLarge = 40907;
constexpr int kFileTypeError = 40908;

// The message for an answer that has nothing more specific to say (an injected fault, a
// refused token): the live API's text where known, else the code's documented meaning.
std::string default_message(int code);

}  // namespace tiktok_aigc::mock::codes
