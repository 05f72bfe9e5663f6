// InProcess::answer (src/in_process.hpp): a request through the pipeline of a mock that was
// never started, as the pipeline fuzzer sends them.
#include "in_process.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "tiktok_aigc/api/return_codes.hpp"

namespace tiktok_aigc::mock {
namespace {

using nlohmann::json;

httplib::Request get(const std::string& path, const std::string& query) {
  httplib::Request req;
  req.method = "GET";
  req.path = path;
  req.target = path + (query.empty() ? "" : "?" + query);
  req.headers.emplace("Access-Token", testing::kToken);
  return req;
}

TEST(InProcess, AnswersAMockThatWasNeverStarted) {
  MockServer mock;
  httplib::Response res;
  InProcess::answer(mock, get(testing::kScriptListPath, "page=1"), res);
  EXPECT_EQ(res.status, 200);
  const json body = json::parse(res.body);
  EXPECT_EQ(body["code"], 0);
  EXPECT_EQ(mock.port(), -1);  // nothing was bound
  // Journaled as a request over HTTP is.
  const auto journal = mock.journal();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0].path, testing::kScriptListPath);
  EXPECT_EQ(journal[0].query, "page=1");
}

TEST(InProcess, RunsTheRulesAndTheControlApi) {
  MockServer mock;
  httplib::Response refused;
  InProcess::answer(mock, get(testing::kScriptListPath, "page=0"), refused);
  EXPECT_EQ(json::parse(refused.body)["code"], api::codes::kParamError);

  httplib::Request freeze;
  freeze.method = "POST";
  freeze.path = freeze.target = "/__mock__/clock/freeze";
  httplib::Response frozen;
  InProcess::answer(mock, freeze, frozen);
  EXPECT_EQ(frozen.status, 200) << frozen.body;
}

// Unbound and asked without a Host, the mock still hands out media URLs: on localhost.
TEST(InProcess, MediaUrlsWithoutAHostNameLocalhost) {
  MockServer mock;
  httplib::Response res;
  InProcess::answer(mock, get(testing::kAvatarListPath, ""), res);
  const json body = json::parse(res.body);
  ASSERT_EQ(body["code"], 0) << res.body;
  ASSERT_FALSE(body["data"]["list"].empty());
  EXPECT_EQ(body["data"]["list"][0]["avatar_thumbnail"].get<std::string>().rfind(
                "http://localhost/media/", 0),
            0u)
      << res.body;

  httplib::Request named = get(testing::kAvatarListPath, "");
  named.headers.emplace("Host", "mock.test:8080");
  httplib::Response with_host;
  InProcess::answer(mock, named, with_host);
  EXPECT_EQ(
      json::parse(with_host.body)["data"]["list"][0]["avatar_thumbnail"].get<std::string>().rfind(
          "http://mock.test:8080/media/", 0),
      0u);
}

}  // namespace
}  // namespace tiktok_aigc::mock
