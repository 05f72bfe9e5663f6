// With the mock as target, every API answer the mock gave during the run was checked
// against the OpenAPI description (target.hpp); this fails the run on any mismatch, and on
// a run that checked nothing, so the description cannot rot unnoticed.
#include "target.hpp"

namespace {

class OpenApiCheck : public ::testing::Environment {
 public:
  void TearDown() override {
    if (!contract::has_control()) return;  // only the in-process mock is observed
    const auto& conformance = contract::OpenApiConformance::instance();
    EXPECT_GT(conformance.checked(), 0u) << "no mock answer was checked against the OpenAPI file";
    for (const auto& problem : conformance.problems()) ADD_FAILURE() << problem;
    std::cout << "[ openapi  ] " << conformance.checked() << " mock answers checked against "
              << OPENAPI_FILE << ", " << conformance.problems().size() << " mismatches\n";
  }
};

[[maybe_unused]] ::testing::Environment* const kOpenApiCheck =
    ::testing::AddGlobalTestEnvironment(new OpenApiCheck);

}  // namespace
