# install.cmake - what `make install` (cmake --install) puts where.
#
# GNUInstallDirs paths under CMAKE_INSTALL_PREFIX, DESTDIR honoured: the
# `vigil` command, libvigil as a shared library (SONAME libvigil.so.0) and a
# static one, the public headers, vigil.pc, and the man pages vigil(1) and
# vigil-COMMAND(1), generated from the built command's --help by
# src/cli/gen_man.py so the two cannot drift apart.  Tests of all this
# (tests/install.sh, tests/headers.sh) are registered here too.
include(GNUInstallDirs)

option(VG_MAN "Generate man pages from --help (runs the built vigil)" ON)
if(CMAKE_CROSSCOMPILING)
  set(VG_MAN OFF)
endif()

install(TARGETS vigil RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS vigil_shared vigil_static
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/vigil
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
# the header CMake generates from the project version
install(FILES ${CMAKE_BINARY_DIR}/include/vigil/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/vigil)

# pkg-config: the prefix is the one in force at install time (cmake
# --install --prefix may differ from the configured one), so the file is
# finished then; other paths are absolute or relative to ${prefix}.
foreach(d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}}")
    set(VG_PC_${d} "${CMAKE_INSTALL_${d}}")
  else()
    set(VG_PC_${d} "\${prefix}/${CMAKE_INSTALL_${d}}")
  endif()
endforeach()
set(VG_PC_PREFIX "@CMAKE_INSTALL_PREFIX@")
configure_file(${CMAKE_SOURCE_DIR}/cmake/vigil.pc.in ${CMAKE_BINARY_DIR}/vigil.pc.in @ONLY)
install(CODE "configure_file(\"${CMAKE_BINARY_DIR}/vigil.pc.in\" \"${CMAKE_BINARY_DIR}/pc/vigil.pc\" @ONLY)")
install(FILES ${CMAKE_BINARY_DIR}/pc/vigil.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

if(VG_MAN)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  set(VG_MAN_DIR ${CMAKE_BINARY_DIR}/man)
  add_custom_command(
    OUTPUT ${VG_MAN_DIR}/vigil.1
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/src/cli/gen_man.py
            $<TARGET_FILE:vigil> ${VG_MAN_DIR}
    DEPENDS vigil ${CMAKE_SOURCE_DIR}/src/cli/gen_man.py
    COMMENT "Man pages from vigil --help")
  add_custom_target(man ALL DEPENDS ${VG_MAN_DIR}/vigil.1)
  install(DIRECTORY ${VG_MAN_DIR}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
          FILES_MATCHING PATTERN "*.1")
endif()

if(VG_TESTS)
  find_program(VG_CXX NAMES c++ g++ clang++)
  # Each public header alone, as C99 -pedantic and as C++.
  add_test(NAME headers COMMAND bash ${CMAKE_SOURCE_DIR}/tests/headers.sh
           ${CMAKE_SOURCE_DIR}/include ${CMAKE_C_COMPILER} "${VG_CXX}"
           ${CMAKE_BINARY_DIR}/include)
  set_tests_properties(headers PROPERTIES SKIP_RETURN_CODE 77)
  # Installs into a DESTDIR, then builds examples/api against it through
  # pkg-config (shared and static) and runs it.
  add_test(NAME install COMMAND bash ${CMAKE_SOURCE_DIR}/tests/install.sh
           ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR} ${CMAKE_C_COMPILER} "${VG_SANITIZE}")
  set_tests_properties(install PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
