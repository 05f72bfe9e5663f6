// Holds the bytes served at every preview_url to being a real MP4: the ISO
// BMFF boxes must tile the file, and the movie must describe an H.264 track.
#include "sample_video.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using tiktok_aigc::mock::sample_mp4;

// One ISO BMFF box: its type, and where it starts, its payload starts and it ends.
struct Box {
  std::string type;
  std::size_t start = 0;
  std::size_t payload = 0;  // first byte after the header
  std::size_t end = 0;      // one past the last byte
};

std::uint64_t read_be(const std::string& bytes, std::size_t at, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  }
  return value;
}

// The boxes laid end to end in bytes[begin, end), or nullopt unless they tile
// that range exactly. A size of 1 means a 64-bit size follows the type; a size
// of 0 means the box runs to the end of the range.
std::optional<std::vector<Box>> read_boxes(const std::string& bytes, std::size_t begin,
                                           std::size_t end) {
  std::vector<Box> boxes;
  std::size_t at = begin;
  while (at < end) {
    if (end - at < 8) return std::nullopt;
    Box box;
    box.start = at;
    box.type = bytes.substr(at + 4, 4);
    std::uint64_t size = read_be(bytes, at, 4);
    box.payload = at + 8;
    if (size == 1) {
      if (end - at < 16) return std::nullopt;
      size = read_be(bytes, at + 8, 8);
      box.payload = at + 16;
    } else if (size == 0) {
      size = end - at;
    }
    if (size < box.payload - at || size > end - at) return std::nullopt;
    box.end = at + static_cast<std::size_t>(size);
    boxes.push_back(box);
    at = box.end;
  }
  return boxes;
}

std::optional<std::vector<Box>> read_children(const std::string& bytes, const Box& parent) {
  return read_boxes(bytes, parent.payload, parent.end);
}

std::optional<Box> find(const std::vector<Box>& boxes, const std::string& type) {
  for (const Box& box : boxes) {
    if (box.type == type) return box;
  }
  return std::nullopt;
}

// Follows a path of box types down from the top level, e.g. {"moov", "trak"}.
std::optional<Box> find_path(const std::string& bytes, const std::vector<std::string>& path) {
  std::optional<std::vector<Box>> level = read_boxes(bytes, 0, bytes.size());
  std::optional<Box> found;
  for (const std::string& type : path) {
    if (!level) return std::nullopt;
    found = find(*level, type);
    if (!found) return std::nullopt;
    level = read_children(bytes, *found);
  }
  return found;
}

std::vector<Box> top_level() {
  std::optional<std::vector<Box>> boxes = read_boxes(sample_mp4(), 0, sample_mp4().size());
  return boxes ? *boxes : std::vector<Box>{};
}

TEST(BoxReader, HandlesLargeSizesAndRejectsBoxesThatDoNotTile) {
  // A "free" box with a 64-bit size of 20: 16 bytes of header, 4 of payload.
  const std::string large("\0\0\0\1free\0\0\0\0\0\0\0\x14" "abcd", 20);
  std::optional<std::vector<Box>> boxes = read_boxes(large, 0, large.size());
  ASSERT_TRUE(boxes);
  ASSERT_EQ(boxes->size(), 1u);
  EXPECT_EQ((*boxes)[0].type, "free");
  EXPECT_EQ((*boxes)[0].payload, 16u);
  EXPECT_EQ((*boxes)[0].end, 20u);

  const std::string overrun("\0\0\0\x10" "free" "abcd", 12);  // claims 16 bytes, has 12
  EXPECT_FALSE(read_boxes(overrun, 0, overrun.size()));
  const std::string trailing("\0\0\0\x08" "free" "ab", 10);  // 2 stray bytes after the box
  EXPECT_FALSE(read_boxes(trailing, 0, trailing.size()));
}

TEST(SampleMp4, IsSmallAndStable) {
  EXPECT_EQ(&sample_mp4(), &sample_mp4());
  EXPECT_GT(sample_mp4().size(), 100u);
  EXPECT_LT(sample_mp4().size(), 4096u);
}

TEST(SampleMp4, TopLevelBoxesTileTheWholeFile) {
  const std::string& bytes = sample_mp4();
  std::optional<std::vector<Box>> boxes = read_boxes(bytes, 0, bytes.size());
  ASSERT_TRUE(boxes) << "top-level boxes do not tile the file";
  ASSERT_FALSE(boxes->empty());
  EXPECT_EQ(boxes->front().start, 0u);
  EXPECT_EQ(boxes->back().end, bytes.size());
}

TEST(SampleMp4, StartsWithFtypOfAKnownBrand) {
  const std::string& bytes = sample_mp4();
  std::vector<Box> boxes = top_level();
  ASSERT_FALSE(boxes.empty());
  const Box& ftyp = boxes.front();
  ASSERT_EQ(ftyp.type, "ftyp");
  // major_brand, minor_version, then whole compatible brands.
  ASSERT_GE(ftyp.end - ftyp.payload, 8u);
  EXPECT_EQ((ftyp.end - ftyp.payload) % 4, 0u);
  const std::set<std::string> known = {"isom", "iso2", "mp41", "mp42", "avc1"};
  EXPECT_TRUE(known.count(bytes.substr(ftyp.payload, 4)))
      << "major brand " << bytes.substr(ftyp.payload, 4);
}

TEST(SampleMp4, MoovHoldsAMovieHeaderAndATrack) {
  const std::string& bytes = sample_mp4();
  std::optional<Box> moov = find(top_level(), "moov");
  ASSERT_TRUE(moov);
  std::optional<std::vector<Box>> children = read_children(bytes, *moov);
  ASSERT_TRUE(children) << "moov's children do not tile it";
  EXPECT_TRUE(find(*children, "mvhd"));
  EXPECT_TRUE(find(*children, "trak"));
}

TEST(SampleMp4, MdatHasAPayload) {
  std::optional<Box> mdat = find(top_level(), "mdat");
  ASSERT_TRUE(mdat);
  EXPECT_GT(mdat->end - mdat->payload, 0u);
}

TEST(SampleMp4, TrackIsVideoDescribedByAnAvc1SampleEntry) {
  const std::string& bytes = sample_mp4();
  std::optional<Box> hdlr = find_path(bytes, {"moov", "trak", "mdia", "hdlr"});
  ASSERT_TRUE(hdlr);
  // version/flags (4), pre_defined (4), then handler_type.
  ASSERT_GE(hdlr->end - hdlr->payload, 12u);
  EXPECT_EQ(bytes.substr(hdlr->payload + 8, 4), "vide");

  std::optional<Box> stsd = find_path(bytes, {"moov", "trak", "mdia", "minf", "stbl", "stsd"});
  ASSERT_TRUE(stsd);
  // stsd is a full box: version/flags (4) and entry_count (4), then the entries.
  ASSERT_GE(stsd->end - stsd->payload, 8u);
  EXPECT_EQ(read_be(bytes, stsd->payload + 4, 4), 1u);
  std::optional<std::vector<Box>> entries = read_boxes(bytes, stsd->payload + 8, stsd->end);
  ASSERT_TRUE(entries) << "stsd's entries do not tile it";
  std::optional<Box> avc1 = find(*entries, "avc1");
  ASSERT_TRUE(avc1);

  // A VisualSampleEntry has 78 bytes of fields; width and height sit at 24 and
  // 26, and its child boxes (which must include the avcC decoder config) follow.
  ASSERT_GE(avc1->end - avc1->payload, 78u);
  const std::uint64_t width = read_be(bytes, avc1->payload + 24, 2);
  const std::uint64_t height = read_be(bytes, avc1->payload + 26, 2);
  EXPECT_GT(width, 0u);
  EXPECT_EQ(width * 16, height * 9) << width << "x" << height << " is not 9:16";
  std::optional<std::vector<Box>> codec_boxes = read_boxes(bytes, avc1->payload + 78, avc1->end);
  ASSERT_TRUE(codec_boxes) << "avc1's child boxes do not tile it";
  EXPECT_TRUE(find(*codec_boxes, "avcC"));
}

}  // namespace
