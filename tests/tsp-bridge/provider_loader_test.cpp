// The provider loader: clear errors for missing and broken providers, version negotiation,
// consecutive device ID bases.
#include <gtest/gtest.h>

#include <filesystem>

#include "acd/tsp/provider_loader.h"

namespace acd::tsp {
namespace {

void CALLBACK ignoreCompletion(DRV_REQUESTID, LONG) {}

TEST(ProviderLoader, AMissingLibraryIsAnErrorNamingThePath) {
    ProviderLoader loader(&ignoreCompletion);
    std::string error;
    EXPECT_FALSE(loader.load({"/nonexistent/libtsp_none.so", ""}, error));
    EXPECT_EQ(error.rfind("provider '/nonexistent/libtsp_none.so': cannot load: ", 0), 0u) << error;
    EXPECT_TRUE(loader.providers().empty());
}

TEST(ProviderLoader, ALibraryWithoutTheRequiredEntryPointsIsRejectedNamingThem) {
    ProviderLoader loader(&ignoreCompletion);
    std::string error;
    EXPECT_FALSE(loader.load({TSP_BROKEN_PATH, ""}, error));
    EXPECT_NE(error.find("missing required entry points: TSPI_lineGetDevCaps, "
                         "TSPI_lineGetAddressCaps"),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("TSPI_lineCloseCall"), std::string::npos) << error;
}

TEST(ProviderLoader, AProviderWithNoCommonVersionIsRejected) {
    ProviderLoader loader(&ignoreCompletion);
    std::string error;
    EXPECT_FALSE(loader.load({TSP_BROKEN_VERSION_PATH, ""}, error));
    EXPECT_NE(error.find("no common TSPI version in 0x00020000..0x00020002 (result 0x8000000C"),
              std::string::npos)
        << error;
}

TEST(ProviderLoader, AConfigurationWithoutSetConfigIsRejected) {
    ProviderLoader loader(&ignoreCompletion);
    std::string error;
    EXPECT_FALSE(loader.load({TSP_BROKEN_VERSION_PATH, "port=1"}, error));
    EXPECT_NE(error.find("has a configuration but no TSPI_providerSetConfig"), std::string::npos)
        << error;
}

TEST(ProviderLoader, AConfigurationTheProviderRejectsIsReportedWithItsCode) {
    ProviderLoader loader(&ignoreCompletion);
    std::string error;
    EXPECT_FALSE(loader.load({TSP_SIM_PATH, "colour=blue"}, error));
    EXPECT_EQ(error, std::string("provider '") + TSP_SIM_PATH
                         + "': TSPI_providerEnumDevices failed (0x8000000E)");
}

TEST(ProviderLoader, TwoProvidersGetConsecutiveDeviceIdBasesAndNegotiatedVersions) {
    // The same library under two names is two independent providers.
    auto dir =
        std::filesystem::temp_directory_path() / ("tsp-loader-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto first = dir / "libtsp_first.so";
    auto second = dir / "libtsp_second.so";
    std::filesystem::copy_file(TSP_SIM_PATH, first,
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(TSP_SIM_PATH, second,
                               std::filesystem::copy_options::overwrite_existing);
    {
        ProviderLoader loader(&ignoreCompletion);
        std::string error;
        ASSERT_TRUE(loader.load({first.string(), "stations=100-104;routepoints=9000-9001"}, error))
            << error;
        ASSERT_TRUE(loader.load({second.string(), "stations=200-202;routepoints=9100-9100"}, error))
            << error;
        ASSERT_EQ(loader.providers().size(), 2u);
        EXPECT_EQ(loader.providers()[0]->lineDeviceIdBase, 0u);
        EXPECT_EQ(loader.providers()[0]->numLines, 7u);
        EXPECT_EQ(loader.providers()[1]->lineDeviceIdBase, 7u);
        EXPECT_EQ(loader.providers()[1]->numLines, 4u);
        EXPECT_EQ(loader.providers()[1]->permanentProviderId, 2u);
        EXPECT_EQ(loader.providers()[0]->tspiVersion, static_cast<DWORD>(TAPI_VERSION2_2));
        EXPECT_EQ(loader.totalLines(), 11u);
        EXPECT_EQ(loader.providerForDevice(8), loader.providers()[1].get());
        DWORD version = 0;
        EXPECT_EQ(loader.negotiateLine(8, version), 0);
        EXPECT_EQ(version, static_cast<DWORD>(TAPI_VERSION2_2));
        EXPECT_EQ(loader.negotiateLine(11, version), LINEERR_BADDEVICEID);
    }
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace acd::tsp
