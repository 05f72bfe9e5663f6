// Dubbed Translations over HTTP, held to the document: DUBBING tasks on the shared video task
// create, task list and video list (the default filter), their names, lip sync, 30-day
// previews, dubbing_info, sources fetched from loopback with the upload's checks, and the
// rules of dubbing_video_info at their boundaries (a refused request changes nothing).
#include <chrono>
#include <cstdint>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "answer_assertions.hpp"
#include "origin.hpp"
#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;

// 2025-03-04 05:06:07 UTC.
constexpr std::int64_t kStartUnix = 1741064767;

Options dubbing_options() {
  Options options = test_options();
  options.start_time = Clock::time_point(std::chrono::seconds(kStartUnix));
  options.durations.video_submitted = 10s;
  options.durations.video_processing = 50s;
  options.durations.lipsync_extra = 30s;
  return options;
}

class DubbingTest : public MockFixture {
 protected:
  DubbingTest() : MockFixture(dubbing_options()) {}

  static json video(const std::string& url = "https://cdn.example.com/ads/spring.mp4", const std::string& language = "fr") {
    return {{"video_url", url}, {"target_languages", {language}}};
  }
  Reply create(const json& videos) {
    return post(kVideoTaskCreatePath, {{"aigc_video_type", "DUBBING"}, {"dubbing_video_info", videos}});
  }
  std::vector<std::string> create_ids(const json& videos) {
    const Reply reply = create(videos);
    EXPECT_TRUE(IsOk(reply));
    return reply.data().value("task_ids", std::vector<std::string>{});
  }
  // The task list without a type filter: dubbing tasks only (quirk 6).
  json task(const std::string& id) {
    const Reply reply = get(kVideoTaskListPath, "task_ids=" + encode(json::array({id}).dump()));
    EXPECT_TRUE(IsOk(reply));
    const json& list = reply.data().at("list");
    return list.empty() ? json() : list.at(0);
  }
  // The video list without a filter: dubbed videos only.
  json videos() {
    const Reply reply = get(kVideoListPath, "page_size=100");
    EXPECT_TRUE(IsOk(reply));
    return reply.data().at("list");
  }
};

TEST_F(DubbingTest, OneTaskPerVideoListedWithoutAFilterAndNamedAsGiven) {
  json named = video();
  named["video_name"] = "Printemps, version française";
  const auto ids = create_ids(json::array({video(), named}));
  ASSERT_EQ(ids.size(), 2u);
  for (const auto& id : ids) EXPECT_TRUE(IsId(json(id)));
  const json first = task(ids[0]);
  EXPECT_EQ(first.at("aigc_video_type"), "DUBBING");
  EXPECT_EQ(first.at("status"), "SUBMITTED");
  EXPECT_TRUE(std::regex_match(first.at("video_name").get<std::string>(),
                               std::regex("^DUBBING-20250304050707-[A-Z0-9]{3}$")))
      << first;  // named for the moment it is done: 60 s after the start
  EXPECT_EQ(task(ids[1]).at("video_name"), "Printemps, version française");
  // A VOICEOVER filter leaves a dubbing task out, without an error.
  const Reply filtered =
      get(kVideoTaskListPath, "task_ids=" + encode(json(ids).dump()) + "&aigc_video_type=VOICEOVER");
  ASSERT_TRUE(IsOk(filtered));
  EXPECT_TRUE(filtered.data().at("list").empty());
}

TEST_F(DubbingTest, ATaskGoesSubmittedProcessingSuccessAndLipSyncTakesLonger) {
  json lipsync = video();
  lipsync["lipsync_enabled"] = true;
  const auto ids = create_ids(json::array({video(), lipsync}));
  ASSERT_EQ(ids.size(), 2u);
  server.advance_clock(10s);
  EXPECT_EQ(task(ids[0]).at("status"), "PROCESSING");
  server.advance_clock(50s);
  const json done = task(ids[0]);
  EXPECT_EQ(done.at("status"), "SUCCESS");
  EXPECT_TRUE(IsId(done.at("video_id")));
  EXPECT_FALSE(done.contains("error_msg"));
  EXPECT_EQ(task(ids[1]).at("status"), "PROCESSING");
  server.advance_clock(30s);
  EXPECT_EQ(task(ids[1]).at("status"), "SUCCESS");
}

TEST_F(DubbingTest, PreviewsLastThirtyDaysFromTheirMaking) {
  const auto ids = create_ids(json::array({video()}));
  server.advance_clock(60s);
  const std::string url = task(ids[0]).at("preview_url");
  server.advance_clock(6h + 1s);
  EXPECT_EQ(fetch_url(url).status, 200) << "a dubbed preview expired after six hours";
  server.advance_clock(std::chrono::hours(24 * 30) - 6h - 2s);
  EXPECT_EQ(fetch_url(url).status, 200);
  server.advance_clock(1s);
  EXPECT_EQ(fetch_url(url).status, 403);
}

TEST_F(DubbingTest, TheVideoListShowsDubbingInfoOnDubbedVideosOnly) {
  json own = video("https://cdn.example.com/ads/a.mp4", "ja");
  own["scripts"] = {{{"text", "こんにちは"}, {"text_start_time", 0}, {"text_end_time", 1500.5}},
                    {{"text", "ありがとう"}, {"text_start_time", 1600}, {"text_end_time", 3000}}};
  create_ids(json::array({video("https://cdn.example.com/ads/b.mp4", "de"), own}));
  post(kVideoTaskCreatePath, voiceover_task({upload()}));
  server.advance_clock(60s);
  const json list = videos();
  ASSERT_EQ(list.size(), 2u) << list;
  for (const json& item : list) {
    EXPECT_EQ(item.at("aigc_video_type"), "DUBBING");
    ASSERT_TRUE(item.contains("dubbing_info")) << item;
    const json& info = item.at("dubbing_info");
    EXPECT_EQ(keys_of(info), (std::set<std::string>{"original_scripts", "translated_scripts", "target_language"}));
    const json& original = info.at("original_scripts");
    const json& translated = info.at("translated_scripts");
    ASSERT_EQ(original.size(), translated.size());
    ASSERT_FALSE(original.empty());
    for (std::size_t i = 0; i < original.size(); ++i) {
      EXPECT_EQ(original[i].at("text_start_time"), translated[i].at("text_start_time"));
      EXPECT_EQ(original[i].at("text_end_time"), translated[i].at("text_end_time"));
      EXPECT_LT(original[i].at("text_start_time").get<double>(), original[i].at("text_end_time").get<double>());
    }
    if (info.at("target_language") == "ja") {  // the scripts sent: both lists (quirk 15)
      EXPECT_EQ(original, translated);
      EXPECT_EQ(original[0].at("text"), "こんにちは");
      EXPECT_EQ(original[0].at("text_end_time"), 1500.5);
    } else {
      EXPECT_EQ(info.at("target_language"), "de");
      EXPECT_NE(original[0].at("text"), translated[0].at("text"));
    }
  }
  const Reply voiceovers = get(kVideoListPath, "aigc_video_types=" + encode(R"(["VOICEOVER"])"));
  ASSERT_TRUE(IsOk(voiceovers));
  ASSERT_EQ(voiceovers.data().at("list").size(), 1u);
  EXPECT_FALSE(voiceovers.data().at("list").at(0).contains("dubbing_info"));
}

TEST_F(DubbingTest, AQueuedFailureGivesAnErrorMessageAndNoVideo) {
  server.queue_video_outcomes({TaskOutcome::failed});
  const auto ids = create_ids(json::array({video()}));
  server.advance_clock(60s);
  const json failed = task(ids[0]);
  EXPECT_EQ(failed.at("status"), "FAILED");
  EXPECT_TRUE(IsNonEmptyString(failed.at("error_msg")));
  EXPECT_FALSE(failed.contains("video_id") || failed.contains("preview_url")) << failed;
  EXPECT_TRUE(videos().empty());
}

TEST_F(DubbingTest, ALoopbackSourceIsFetchedAndOneThatFailsTheChecksFailsItsTask) {
  Origin origin;
  origin.add("/good.mp4", {200, "video/mp4", "an mp4's bytes", {}});
  origin.add("/page.mp4", {200, "text/html", "<html></html>", {}});
  origin.add("/tampered.mp4", {200, "video/mp4", "other bytes", {{"Content-MD5", "dLFaFCMMYQa093/0GsymOw=="}}});
  const auto ids = create_ids(json::array({video(origin.url("/good.mp4")), video(origin.url("/page.mp4")),
                                           video(origin.url("/tampered.mp4")), video(origin.url("/missing.mp4"))}));
  ASSERT_EQ(ids.size(), 4u) << "a source the checks refuse fails its task, not the request";
  EXPECT_EQ(origin.hits("/good.mp4"), 1);
  EXPECT_EQ(origin.hits("/page.mp4"), 1);
  server.advance_clock(60s);
  EXPECT_EQ(task(ids[0]).at("status"), "SUCCESS");
  const auto reason = [&](const std::string& id) {
    const json item = task(id);
    EXPECT_EQ(item.at("status"), "FAILED") << item;
    return item.value("error_msg", "");
  };
  EXPECT_NE(reason(ids[1]).find("text/html"), std::string::npos);
  EXPECT_NE(reason(ids[2]).find("Content-MD5"), std::string::npos);
  EXPECT_NE(reason(ids[3]).find("unavailable"), std::string::npos);
}

TEST_F(DubbingTest, EveryRuleOfDubbingVideoInfoIsCheckedAtItsBoundaryAndARefusalChangesNothing) {
  const json before = records();
  const auto refused = [&](const Reply& reply, const std::string& says) {
    EXPECT_TRUE(IsError(reply, 40002));
    EXPECT_NE(reply.message().find(says), std::string::npos) << reply.body;
    EXPECT_EQ(records(), before) << "a refused request changed the state";
  };
  const auto with = [](json item, const std::string& key, json value) {
    item[key] = std::move(value);
    return json::array({item});
  };
  const auto segment = [](json start, json end) {
    return json::array({{{"text", "Bonjour"}, {"text_start_time", start}, {"text_end_time", end}}});
  };
  const std::string first = "dubbing_video_info[0]";
  refused(post(kVideoTaskCreatePath, {{"aigc_video_type", "DUBBING"}}),
          "Missing required field(s): dubbing_video_info (required when aigc_video_type is DUBBING)");
  refused(create(json::array()), "dubbing_video_info: must not be empty");
  json six = json::array();
  for (int i = 0; i < 6; ++i) six.push_back(video());
  refused(create(six), "dubbing_video_info: must hold between 1 and 5 items, got 6");
  refused(create(json::array({{{"target_languages", {"fr"}}}})), "Missing required field(s): " + first + ".video_url");
  refused(create(with(video(), "video_url", "ftp://cdn.example.com/a.mp4")), first + ".video_url: must be an absolute http(s) URL");
  refused(create(with(video(), "target_languages", json::array())), first + ".target_languages: must not be empty");
  refused(create(with(video(), "target_languages", {"fr", "de"})),
          first + ".target_languages: must hold exactly 1 item, got 2");
  refused(create(with(video(), "target_languages", {"zh"})), first + ".target_languages[0]: must be one of ar, en, fr");
  refused(create(with(video(), "video_name", repeat("é", 51))), first + ".video_name: must be at most 50 characters, got 51");
  refused(create(with(video(), "lipsync_enabled", "yes")), first + ".lipsync_enabled: must be true or false");
  refused(create(with(video(), "scripts", segment(500, 500))),
          first + ".scripts[0].text_start_time: must be less than text_end_time, got 500 and 500");
  refused(create(with(video(), "scripts", segment(600, 500.5))), first + ".scripts[0].text_start_time: must be less than");
  refused(create(with(video(), "scripts", segment(-1, 500))), first + ".scripts[0].text_start_time: must be at least 0");
  refused(create(with(video(), "scripts", segment("0", 500))), first + ".scripts[0].text_start_time: must be a number");
  refused(create(with(video(), "scripts", json::array({{{"text_start_time", 0}, {"text_end_time", 1}}}))),
          "Missing required field(s): " + first + ".scripts[0].text");

  // At the boundaries: accepted. product_video_info is not needed, and ignored if sent.
  json edge = video();
  edge["video_name"] = repeat("é", 50);
  edge["scripts"] = segment(0, 0.5);
  EXPECT_TRUE(IsOk(create(json::array({edge, video(), video(), video(), video("https://cdn.example.com/x.mp4", "vi")}))));
  EXPECT_TRUE(IsOk(create(json::array({with(video(), "scripts", json::array())[0]}))));
  EXPECT_TRUE(IsOk(post(kVideoTaskCreatePath,
                        {{"aigc_video_type", "DUBBING"}, {"dubbing_video_info", {video()}}, {"product_video_info", "ignored"}})));
  // ... and a VOICEOVER ignores dubbing_video_info, even a malformed one (quirk 39).
  json voiceover = voiceover_task({upload()});
  voiceover["dubbing_video_info"] = "ignored";
  EXPECT_TRUE(IsOk(post(kVideoTaskCreatePath, voiceover)));
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing
