# Installation of libtapi for TAPI programs (component "tapi"):
#   <prefix>/include/tapi.h
#   <prefix>/lib/libtapi.so -> libtapi.so.2 -> libtapi.so.2.2.0   (RUNPATH $ORIGIN)
#   <prefix>/lib/libtsp_sim.so, libtsp_csta.so                   (the providers, next to it)
#   <prefix>/lib/pkgconfig/tapi.pc                               (pkg-config --cflags --libs tapi)
#   <prefix>/lib/cmake/Tapi/TapiConfig.cmake + TapiConfigVersion.cmake (Tapi::tapi)
# The library directory is always `lib` (not lib/<multiarch>) so the paths stay simple; the
# pkg-config and CMake files find the prefix from their own location, so the tree can move.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TAPI_INSTALL_LIBDIR lib)
set(TAPI_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR})
set(TAPI_PACKAGE_VERSION 2.2.0)

install(TARGETS tapi
    LIBRARY DESTINATION ${TAPI_INSTALL_LIBDIR} COMPONENT tapi
    NAMELINK_COMPONENT tapi)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/../include/tapi.h
    DESTINATION ${TAPI_INSTALL_INCLUDEDIR} COMPONENT tapi)

set(_tapi_gen ${CMAKE_CURRENT_BINARY_DIR}/package)
configure_file(${CMAKE_CURRENT_LIST_DIR}/tapi.pc.in ${_tapi_gen}/tapi.pc @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/TapiConfig.cmake.in ${_tapi_gen}/TapiConfig.cmake @ONLY)
write_basic_package_version_file(${_tapi_gen}/TapiConfigVersion.cmake
    VERSION ${TAPI_PACKAGE_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${_tapi_gen}/tapi.pc
    DESTINATION ${TAPI_INSTALL_LIBDIR}/pkgconfig COMPONENT tapi)
install(FILES ${_tapi_gen}/TapiConfig.cmake ${_tapi_gen}/TapiConfigVersion.cmake
    DESTINATION ${TAPI_INSTALL_LIBDIR}/cmake/Tapi COMPONENT tapi)

# The providers are defined in tsp-bridge, which is configured after acd-engine: install
# them once the whole tree has been read.
function(tapi_install_providers)
    foreach(provider tsp_sim tsp_csta)
        if(TARGET ${provider})
            install(TARGETS ${provider}
                LIBRARY DESTINATION lib COMPONENT tapi NAMELINK_COMPONENT tapi)
        else()
            message(STATUS "libtapi install: provider target ${provider} not built here")
        endif()
    endforeach()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL tapi_install_providers)
