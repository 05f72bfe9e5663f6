// The Digital Avatar endpoints over HTTP, held to the document: the catalogue and its media,
// avatar video tasks through their states (their durations by script length), per-package
// failures, the avatar video list with its filters and pages, renames, the rules at their
// boundaries (a refused request changes nothing), the allowlist and token isolation.
#include <chrono>
#include <cstdint>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "answer_assertions.hpp"
#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

using namespace std::chrono_literals;

// 2025-03-04 05:06:07 UTC.
constexpr std::int64_t kStartUnix = 1741064767;
constexpr const char* kOtherToken = "other-token";

Options avatar_options() {
  Options options = test_options();
  options.start_time = Clock::time_point(std::chrono::seconds(kStartUnix));
  options.durations.avatar_submitted = 5s;
  options.durations.avatar_processing = 90s;
  return options;
}

long long unix_now(const MockServer& server) {
  return std::chrono::duration_cast<std::chrono::seconds>(server.now().time_since_epoch()).count();
}

// The x-expires (or expires) parameter of a media URL.
long long expires_of(const std::string& url) {
  static const std::regex pattern(R"([?&](?:x-)?expires=(\d+))");
  std::smatch match;
  EXPECT_TRUE(std::regex_search(url, match, pattern)) << url;
  return match.empty() ? 0 : std::stoll(match[1]);
}

std::string content_type(const Reply& reply) {
  const auto found = reply.headers.find("Content-Type");
  return found == reply.headers.end() ? "" : found->second;
}

class DigitalAvatarTest : public MockFixture {
 protected:
  DigitalAvatarTest() : MockFixture(avatar_options()) {}
  explicit DigitalAvatarTest(Options options) : MockFixture(std::move(options)) {}

  Reply avatars(const std::string& query = "", const std::string& token = kToken) {
    return get(kAvatarListPath, query, token);
  }
  static json package(const std::string& avatar_id, const std::string& script = "Hello from the mock.") {
    return {{"avatar_id", avatar_id}, {"script", script}};
  }
  Reply create(const json& packages, const std::string& token = kToken) {
    return post(kAvatarVideoTaskCreatePath, {{"material_packages", packages}}, token);
  }
  Reply tasks(const std::vector<std::string>& ids, const std::string& token = kToken) {
    return get(kAvatarVideoTaskGetPath, "task_ids=" + encode(json(ids).dump()), token);
  }
  json task(const std::string& id) {
    const Reply reply = tasks({id});
    EXPECT_TRUE(IsOk(reply));
    return reply.data().at("list").at(0);
  }
  Reply videos(const json& filtering = nullptr, const std::string& paging = "", const std::string& token = kToken) {
    std::string query = filtering.is_null() ? "" : "filtering=" + encode(filtering.dump());
    if (!paging.empty()) query += (query.empty() ? "" : "&") + paging;
    return get(kAvatarVideoListPath, query, token);
  }
  Reply rename(const std::string& video_id, const std::string& name, const std::string& token = kToken) {
    return post(kAvatarVideoRenamePath, {{"avatar_video_id", video_id}, {"file_name", name}}, token);
  }
  json state() { return server.state(); }
};

// ---- the catalogue ----

TEST_F(DigitalAvatarTest, TheCatalogueListsEightyEightNamedAvatarsOnOnePageOfAHundred) {
  const Reply reply = avatars("page=1&page_size=100");
  ASSERT_TRUE(IsOk(reply));
  const json& list = reply.data().at("list");
  ASSERT_EQ(list.size(), 88u);
  EXPECT_EQ(reply.data().at("page_info"),
            json({{"page", 1}, {"page_size", 100}, {"total_number", 88}, {"total_page", 1}}));
  std::set<std::string> ids, names;
  static const std::regex name(R"(^[A-Z][a-z]+ in [A-Z].*$)");
  for (const json& avatar : list) {
    EXPECT_EQ(keys_of(avatar),
              (std::set<std::string>{"avatar_id", "avatar_name", "avatar_thumbnail", "avatar_preview_url"}));
    EXPECT_TRUE(IsId(avatar.at("avatar_id")));
    EXPECT_EQ(avatar.at("avatar_id").get<std::string>()[0], '7');
    EXPECT_TRUE(std::regex_match(avatar.at("avatar_name").get<std::string>(), name)) << avatar;
    ids.insert(avatar.at("avatar_id"));
    names.insert(avatar.at("avatar_name"));
  }
  EXPECT_EQ(ids.size(), 88u);
  EXPECT_EQ(names.size(), 88u);
}

TEST_F(DigitalAvatarTest, TheCataloguePagesInAFixedOrderWithTenADefault) {
  const Reply first = avatars();
  ASSERT_TRUE(IsOk(first));
  EXPECT_EQ(first.data().at("list").size(), 10u);
  EXPECT_EQ(first.data().at("page_info").at("total_page"), 9);
  const Reply last = avatars("page=9");
  ASSERT_TRUE(IsOk(last));
  EXPECT_EQ(last.data().at("list").size(), 8u);
  EXPECT_EQ(last.data().at("list").at(7).at("avatar_id"),
            avatars("page_size=100").data().at("list").at(87).at("avatar_id"));
  const Reply past = avatars("page=10");
  ASSERT_TRUE(IsOk(past));
  EXPECT_TRUE(past.data().at("list").empty());
  EXPECT_EQ(past.data().at("page_info").at("total_number"), 88);
}

TEST(DigitalAvatarSeedTest, TheCatalogueIsTheSameWhateverTheSeed) {
  std::vector<json> lists;
  for (const std::uint64_t seed : {1u, 2u}) {
    Options options = test_options();
    options.seed = seed;
    MockServer server(options);
    server.start();
    httplib::Client http(server.base_url());
    const Reply reply = to_reply(http.Get(std::string(kAvatarListPath) + "?page_size=100", {{"Access-Token", kToken}}));
    json ids = json::array();
    for (const json& avatar : reply.parsed.at("data").at("list")) ids.push_back(avatar.at("avatar_id"));
    lists.push_back(ids);
    server.stop();
  }
  EXPECT_EQ(lists[0], lists[1]);
}

TEST_F(DigitalAvatarTest, ThumbnailsAndDemosAreServedForSixHoursFromEachAnswer) {
  const json avatar = avatars("page_size=1").data().at("list").at(0);
  const std::string thumbnail = avatar.at("avatar_thumbnail"), demo = avatar.at("avatar_preview_url");
  EXPECT_EQ(expires_of(thumbnail), unix_now(server) + 6 * 3600);
  const Reply image = fetch_url(thumbnail);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(content_type(image), "image/png");
  EXPECT_EQ(image.body.substr(1, 3), "PNG");
  const Reply video = fetch_url(demo);
  ASSERT_EQ(video.status, 200);
  EXPECT_EQ(content_type(video), "video/mp4");

  server.advance_clock(6h - 1s);
  EXPECT_EQ(fetch_url(thumbnail).status, 200);
  // A new answer signs the same asset afresh (quirk 35).
  const std::string later = avatars("page_size=1").data().at("list").at(0).at("avatar_thumbnail");
  EXPECT_EQ(expires_of(later), unix_now(server) + 6 * 3600);
  server.advance_clock(1s);
  EXPECT_EQ(fetch_url(thumbnail).status, 403);
  EXPECT_EQ(fetch_url(demo).status, 403);
  EXPECT_EQ(fetch_url(later).status, 200);

  // An edited expiry breaks the signature; an unknown asset is not found.
  std::string extended = later;
  extended.replace(extended.find("x-expires=") + 10, 1, "9");
  EXPECT_EQ(fetch_url(extended).status, 403);
  std::string unknown = later;
  unknown.replace(unknown.find("/avatar/") + 8, 12, "v10033g59999");
  EXPECT_EQ(fetch_url(unknown).status, 404);
}

// ---- avatar video tasks ----

TEST_F(DigitalAvatarTest, CreateAnswersOneItemPerPackageInOrderEchoingPackageIdsOrNull) {
  const std::string avatar = first_avatar_id();
  json packages = json::array({package(avatar), package(avatar), package(avatar)});
  packages[0]["package_id"] = "first";
  packages[2]["package_id"] = "third";
  const Reply reply = create(packages);
  ASSERT_TRUE(IsOk(reply));
  const json& list = reply.data().at("list");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].at("package_id"), "first");
  EXPECT_TRUE(list[1].contains("package_id") && list[1].at("package_id").is_null()) << list[1];
  EXPECT_EQ(list[2].at("package_id"), "third");
  std::set<std::string> task_ids;
  for (const json& item : list) {
    EXPECT_TRUE(IsId(item.at("task_id")));
    EXPECT_FALSE(item.contains("error_msg"));
    task_ids.insert(item.at("task_id"));
  }
  EXPECT_EQ(task_ids.size(), 3u);
}

TEST_F(DigitalAvatarTest, AnAvatarTheCatalogueLacksFailsItsPackageAlone) {
  json packages = json::array({package("7000000000000000001"), package(first_avatar_id())});
  packages[0]["package_id"] = "lost";
  const Reply reply = create(packages);
  ASSERT_TRUE(IsOk(reply));
  const json& list = reply.data().at("list");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(keys_of(list[0]), (std::set<std::string>{"package_id", "error_msg"}));
  EXPECT_EQ(list[0].at("package_id"), "lost");
  EXPECT_NE(list[0].at("error_msg").get<std::string>().find("7000000000000000001"), std::string::npos);
  EXPECT_TRUE(IsId(list[1].at("task_id")));
  EXPECT_EQ(state().at("accounts").at(0).at("avatar_video_tasks").at("count"), 1);
}

TEST_F(DigitalAvatarTest, ATaskGoesSubmittedProcessingSuccessWithEmptyFieldsUntilMade) {
  const std::string id = create_avatar_video();
  json item = task(id);
  EXPECT_EQ(keys_of(item),
            (std::set<std::string>{"task_id", "status", "video_name", "avatar_video_id", "preview_url"}));
  EXPECT_EQ(item.at("status"), "SUBMITTED");
  EXPECT_EQ(item.at("avatar_video_id"), "");
  EXPECT_EQ(item.at("preview_url"), "");
  server.advance_clock(5s);
  item = task(id);
  EXPECT_EQ(item.at("status"), "PROCESSING");
  EXPECT_EQ(item.at("avatar_video_id"), "");
  EXPECT_EQ(item.at("preview_url"), "");
  server.advance_clock(90s - 1ms);
  EXPECT_EQ(task(id).at("status"), "PROCESSING");
  server.advance_clock(1ms);
  item = task(id);
  EXPECT_EQ(item.at("status"), "SUCCESS");
  EXPECT_TRUE(IsId(item.at("avatar_video_id")));
  const std::string url = item.at("preview_url");
  EXPECT_EQ(expires_of(url), unix_now(server) + 6 * 3600);
  const Reply video = fetch_url(url);
  ASSERT_EQ(video.status, 200);
  EXPECT_EQ(content_type(video), "video/mp4");
}

TEST_F(DigitalAvatarTest, LongerScriptsTakeLongerInTheDocumentedProportion) {
  // Characters, not bytes: "é" is two bytes.
  const std::string up_to_400 = repeat("é", 400), up_to_1000 = repeat("é", 1000), longer = repeat("é", 1001);
  const std::string a = create_avatar_video(up_to_400), b = create_avatar_video(repeat("a", 401)), c = create_avatar_video(up_to_1000),
                    d = create_avatar_video(longer);
  const auto status_after = [&](std::chrono::milliseconds at) {
    server.advance_clock(at);
    std::vector<std::string> out;
    for (const auto& id : {a, b, c, d}) out.push_back(task(id).at("status"));
    return out;
  };
  using S = std::vector<std::string>;
  EXPECT_EQ(status_after(95s), (S{"SUCCESS", "PROCESSING", "PROCESSING", "PROCESSING"}));
  EXPECT_EQ(status_after(90s - 1ms), (S{"SUCCESS", "PROCESSING", "PROCESSING", "PROCESSING"}));
  EXPECT_EQ(status_after(1ms), (S{"SUCCESS", "SUCCESS", "SUCCESS", "PROCESSING"}));  // 5 s + 180 s
  EXPECT_EQ(status_after(270s - 1ms), (S{"SUCCESS", "SUCCESS", "SUCCESS", "PROCESSING"}));
  EXPECT_EQ(status_after(1ms), (S{"SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS"}));  // 5 s + 450 s
}

TEST_F(DigitalAvatarTest, AQueuedFailureEndsFailedWithEmptyFieldsAndNoVideo) {
  server.queue_avatar_video_outcomes({TaskOutcome::failed});
  const std::string failed = create_avatar_video(), made = create_avatar_video();
  server.advance_clock(95s);
  const json item = task(failed);
  EXPECT_EQ(item.at("status"), "FAILED");
  EXPECT_EQ(item.at("avatar_video_id"), "");
  EXPECT_EQ(item.at("preview_url"), "");
  EXPECT_EQ(task(made).at("status"), "SUCCESS");
  const Reply listed = videos();
  ASSERT_TRUE(IsOk(listed));
  EXPECT_EQ(listed.data().at("list").size(), 1u);
  EXPECT_EQ(state().at("queued_outcomes").at("avatar_video"), json::array());
}

TEST_F(DigitalAvatarTest, OutcomesQueueThroughTheControlApi) {
  const Reply queued = post("/__mock__/outcomes", {{"avatar_video", {"FAILED"}}});
  ASSERT_EQ(queued.status, 200) << queued.body;
  EXPECT_EQ(state().at("queued_outcomes").at("avatar_video"), json::array({"FAILED"}));
  const std::string id = create_avatar_video();
  server.advance_clock(95s);
  EXPECT_EQ(task(id).at("status"), "FAILED");
}

TEST_F(DigitalAvatarTest, TheDefaultNameIsProjectCreationTimeAndThreeCharacters) {
  const std::string avatar = first_avatar_id();
  json packages = json::array({package(avatar), package(avatar)});
  packages[1]["video_name"] = "My spring video";
  const json list = create(packages).data().at("list");
  static const std::regex name("^project-20250304050607-[A-Za-z0-9]{3}$");
  const std::string given = task(list[0].at("task_id")).at("video_name");
  EXPECT_TRUE(std::regex_match(given, name)) << given;
  EXPECT_EQ(task(list[1].at("task_id")).at("video_name"), "My spring video");
}

TEST_F(DigitalAvatarTest, UnknownOrAnotherTokensTaskIs40007) {
  const std::string id = create_avatar_video();
  EXPECT_TRUE(IsError(tasks({"7123456789012345678"}), 40007));
  EXPECT_TRUE(IsError(tasks({id}, kOtherToken), 40007));
  EXPECT_TRUE(IsError(tasks({id, "not-an-id"}), 40007));
  EXPECT_TRUE(IsOk(tasks({id})));
}

// ---- the avatar video list ----

TEST_F(DigitalAvatarTest, TheListHoldsMadeVideosNewestFirstWithTheDocumentedFields) {
  const std::string first = create_avatar_video();
  server.advance_clock(60s);
  const std::string second = create_avatar_video();
  server.advance_clock(35s);  // only the first made
  Reply reply = videos();
  ASSERT_TRUE(IsOk(reply));
  ASSERT_EQ(reply.data().at("list").size(), 1u);
  server.advance_clock(60s);
  reply = videos();
  ASSERT_TRUE(IsOk(reply));
  const json& list = reply.data().at("list");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("avatar_video_id"), task(second).at("avatar_video_id"));
  EXPECT_EQ(list[1].at("avatar_video_id"), task(first).at("avatar_video_id"));
  EXPECT_EQ(keys_of(list[1]), (std::set<std::string>{"avatar_video_id", "video_name", "create_time", "preview_url",
                                                     "video_cover_url", "avatar_id"}));
  EXPECT_EQ(list[1].at("create_time"), "2025-03-04 05:07:42");  // 95 s after the start
  EXPECT_EQ(list[1].at("avatar_id"), first_avatar_id());
  EXPECT_EQ(reply.data().at("page_info"),
            json({{"page", 1}, {"page_size", 10}, {"total_number", 2}, {"total_page", 1}}));
  const std::string cover = list[0].at("video_cover_url");
  EXPECT_NE(cover.find("~tplv-noop.image?x-expires="), std::string::npos) << cover;
  EXPECT_EQ(expires_of(cover), unix_now(server) + 6 * 3600);
  const Reply image = fetch_url(cover);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(content_type(image), "image/png");
  EXPECT_EQ(fetch_url(list[0].at("preview_url")).status, 200);
  server.advance_clock(6h);
  EXPECT_EQ(fetch_url(cover).status, 403);
}

TEST_F(DigitalAvatarTest, TheListFiltersByAvatarAndInclusiveUtcDates) {
  const json catalogue = avatars("page_size=2").data().at("list");
  const std::string alice = catalogue[0].at("avatar_id"), bob = catalogue[1].at("avatar_id");
  // Made on 2025-03-04, 2025-03-05 and 2025-03-06 (UTC).
  create(json::array({package(alice)}));
  server.advance_clock(24h);
  create(json::array({package(bob)}));
  server.advance_clock(24h);
  create(json::array({package(alice)}));
  server.advance_clock(95s);
  const auto count = [&](const json& filtering) {
    const Reply reply = videos(filtering);
    EXPECT_TRUE(IsOk(reply));
    EXPECT_EQ(reply.data().at("list").size(), reply.data().at("page_info").at("total_number").get<std::size_t>());
    return reply.data().at("list").size();
  };
  EXPECT_EQ(count(nullptr), 3u);
  EXPECT_EQ(count(json::object()), 3u);
  EXPECT_EQ(count({{"avatar_id", alice}}), 2u);
  EXPECT_EQ(count({{"avatar_id", bob}}), 1u);
  EXPECT_EQ(count({{"avatar_id", "7000000000000000001"}}), 0u);
  EXPECT_EQ(count({{"start_date", "2025-03-05"}}), 2u);
  EXPECT_EQ(count({{"end_date", "2025-03-05"}}), 2u);
  EXPECT_EQ(count({{"start_date", "2025-03-05"}, {"end_date", "2025-03-05"}}), 1u);
  EXPECT_EQ(count({{"start_date", "2025-03-07"}}), 0u);
  EXPECT_EQ(count({{"avatar_id", alice}, {"start_date", "2025-03-05"}}), 1u);
  EXPECT_EQ(count({{"unknown_member", "x"}}), 3u);  // other members are ignored
}

TEST_F(DigitalAvatarTest, TheListPagesWithoutGapsOrRepeats) {
  const std::string avatar = first_avatar_id();
  for (int i = 0; i < 3; ++i) {
    create(json::array({package(avatar), package(avatar), package(avatar), package(avatar), package(avatar)}));
    server.advance_clock(1s);
  }
  server.advance_clock(95s);
  std::vector<std::string> seen;
  for (int page = 1; page <= 4; ++page) {
    const Reply reply = videos(nullptr, "page=" + std::to_string(page) + "&page_size=4");
    ASSERT_TRUE(IsOk(reply));
    EXPECT_EQ(reply.data().at("page_info").at("total_page"), 4);
    for (const json& video : reply.data().at("list")) seen.push_back(video.at("avatar_video_id"));
  }
  EXPECT_EQ(seen.size(), 15u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 15u);
  EXPECT_TRUE(videos(nullptr, "page=5&page_size=4").data().at("list").empty());
}

// ---- renames ----

TEST_F(DigitalAvatarTest, ARenameShowsInTheTaskAndTheListAndNamesMayRepeat) {
  const std::string first = create_avatar_video(), second = create_avatar_video();
  server.advance_clock(95s);
  const std::string video = task(first).at("avatar_video_id"), other = task(second).at("avatar_video_id");
  const std::string hundred = repeat("ñ", 100);
  const Reply renamed = rename(video, hundred);
  ASSERT_TRUE(IsOk(renamed));
  EXPECT_EQ(renamed.data(), json::object());
  EXPECT_EQ(task(first).at("video_name"), hundred);
  ASSERT_TRUE(IsOk(rename(other, hundred)));
  const Reply listed = videos();  // kept: a loop over a temporary's member would dangle
  for (const json& item : listed.data().at("list")) EXPECT_EQ(item.at("video_name"), hundred);
}

TEST_F(DigitalAvatarTest, RenamingAnUnknownAnotherTokensOrUnmadeVideoIs40007) {
  const std::string id = create_avatar_video();
  server.advance_clock(95s);
  const std::string video = task(id).at("avatar_video_id");
  EXPECT_TRUE(IsError(rename("7123456789012345678", "x"), 40007));
  EXPECT_TRUE(IsError(rename(video, "x", kOtherToken), 40007));
  EXPECT_TRUE(IsError(rename(id, "x"), 40007)) << "a task id is not a video id";
  EXPECT_NE(task(id).at("video_name"), "x");
}

// ---- the rules, at their boundaries ----

TEST_F(DigitalAvatarTest, EveryRuleOfTheRequestsIsCheckedAtItsBoundaryAndARefusalChangesNothing) {
  const std::string avatar = first_avatar_id();
  const json before = records();
  const auto refused = [&](const Reply& reply, const std::string& names, int code = 40002) {
    EXPECT_TRUE(IsError(reply, code));
    EXPECT_NE(reply.message().find(names), std::string::npos) << reply.body;
    EXPECT_EQ(records(), before) << "a refused request changed the state";
  };
  refused(post(kAvatarVideoTaskCreatePath, json::object()), "material_packages");
  refused(create(json::array()), "material_packages");
  json six = json::array();
  for (int i = 0; i < 6; ++i) six.push_back(package(avatar));
  refused(create(six), "material_packages: must hold between 1 and 5 items, got 6");
  refused(create(json::array({{{"video_name", "x"}}})),
          "Missing required field(s): material_packages[0].avatar_id, material_packages[0].script");
  refused(create(json::array({package(avatar, repeat("é", 2001))})),
          "material_packages[0].script: must be at most 2000 characters, got 2001");
  refused(create(json::array({package(avatar, "")})), "material_packages[0].script: must not be empty");
  json long_name = package(avatar);
  long_name["video_name"] = repeat("é", 51);
  refused(create(json::array({long_name})), "material_packages[0].video_name: must be at most 50 characters");
  json numeric = package(avatar);
  numeric["avatar_id"] = 7301881390801371138ull;
  refused(create(json::array({numeric})), "material_packages[0].avatar_id: must be a string");

  refused(get(kAvatarVideoTaskGetPath, ""), "task_ids");
  std::vector<std::string> six_ids(6, "7123456789012345678");
  refused(tasks(six_ids), "task_ids: must hold between 1 and 5 items, got 6", 40011);
  refused(get(kAvatarVideoTaskGetPath, "task_ids=7123456789012345678"), "task_ids: must be a JSON array");

  refused(videos({{"start_date", "2025-13-01"}}), "filtering.start_date: must be a date written YYYY-MM-DD");
  refused(videos({{"end_date", "2025-02-29"}}), "filtering.end_date: must be a date");
  refused(videos({{"start_date", "2025-3-4"}}), "filtering.start_date: must be a date");
  refused(videos({{"start_date", "2025-03-05"}, {"end_date", "2025-03-04"}}),
          "filtering.start_date: must not be after end_date");
  refused(get(kAvatarVideoListPath, "filtering=" + encode("[1]")), "filtering: must be a JSON object");
  refused(videos(nullptr, "page_size=101"), "page_size: must be between 1 and 100");
  refused(avatars("page=0"), "page: must be between 1 and");
  refused(avatars("page_size=ten"), "page_size: must be an integer");

  refused(post(kAvatarVideoRenamePath, {{"avatar_video_id", "7123456789012345678"}}),
          "Missing required field(s): file_name");
  refused(rename("7123456789012345678", repeat("é", 101)), "file_name: must be at most 100 characters, got 101");
  refused(rename("7123456789012345678", ""), "file_name: must not be empty");

  // At the boundary: accepted.
  EXPECT_TRUE(IsOk(videos({{"start_date", "2024-02-29"}, {"end_date", "2024-02-29"}})));
  EXPECT_TRUE(IsOk(videos(nullptr, "page_size=100")));
  json edge = package(avatar, repeat("é", 2000));
  edge["video_name"] = repeat("é", 50);
  json five = json::array({edge, edge, edge, edge, edge});
  EXPECT_TRUE(IsOk(create(five)));
}

// ---- access ----

class DigitalAvatarAllowlistTest : public DigitalAvatarTest {
 protected:
  DigitalAvatarAllowlistTest() : DigitalAvatarTest([] {
    Options options = avatar_options();
    options.avatar_tokens = {kToken};
    return options;
  }()) {}
};

TEST_F(DigitalAvatarAllowlistTest, EveryEndpointRefusesATokenOffTheAllowlistWith40118) {
  const std::string avatar = first_avatar_id();
  EXPECT_TRUE(IsError(avatars("", kOtherToken), 40118));
  EXPECT_TRUE(IsError(create(json::array({package(avatar)}), kOtherToken), 40118));
  EXPECT_TRUE(IsError(tasks({"7123456789012345678"}, kOtherToken), 40118));
  EXPECT_TRUE(IsError(videos(nullptr, "", kOtherToken), 40118));
  EXPECT_TRUE(IsError(rename("7123456789012345678", "x", kOtherToken), 40118));
  EXPECT_TRUE(IsOk(avatars()));
}

TEST_F(DigitalAvatarTest, AnotherTokenSeesNoneOfThisOnesAvatarVideos) {
  create_avatar_video();
  server.advance_clock(95s);
  ASSERT_EQ(videos().data().at("list").size(), 1u);
  const Reply other = videos(nullptr, "", kOtherToken);
  ASSERT_TRUE(IsOk(other));
  EXPECT_TRUE(other.data().at("list").empty());
  EXPECT_EQ(other.data().at("page_info").at("total_number"), 0);
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing
