# Finds MLIR 19 and makes its CMake helpers (tablegen, add_mlir_*) available.
#
# With TESSERA_STATIC_TOOLS the MLIR libraries are relinked against the static
# LLVM component libraries instead of the shared libLLVM.so that Debian's
# exported targets name, and libstdc++/libgcc are linked statically, so the
# tools can be copied to a machine without LLVM (glibc stays dynamic).
if(NOT MLIR_DIR AND EXISTS /usr/lib/llvm-19/lib/cmake/mlir)
  set(MLIR_DIR /usr/lib/llvm-19/lib/cmake/mlir)
endif()
find_package(MLIR REQUIRED CONFIG)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "Tessera needs MLIR 19, found ${LLVM_PACKAGE_VERSION} "
                      "at ${MLIR_DIR}")
endif()
message(STATUS "Using MLIR ${LLVM_PACKAGE_VERSION} from ${MLIR_DIR}")

# Without this, tablegen re-runs on every build in subdirectories.
cmake_policy(SET CMP0116 OLD)

list(APPEND CMAKE_MODULE_PATH "${MLIR_CMAKE_DIR}" "${LLVM_CMAKE_DIR}")
include(TableGen)
include(AddLLVM)
include(AddMLIR)

include_directories(SYSTEM ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
include_directories(${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
separate_arguments(TESSERA_LLVM_DEFINITIONS NATIVE_COMMAND ${LLVM_DEFINITIONS})
add_definitions(${TESSERA_LLVM_DEFINITIONS})

if(TESSERA_STATIC_TOOLS)
  set(LLVM_LINK_LLVM_DYLIB OFF)
  find_library(TESSERA_ZSTD_STATIC libzstd.a REQUIRED)
  find_library(TESSERA_Z_STATIC libz.a REQUIRED)
  # LLVMSupport names the shared z3/zlib/zstd; the tools use none of z3.
  set_target_properties(LLVMSupport PROPERTIES INTERFACE_LINK_LIBRARIES
    "rt;dl;m;pthread;${TESSERA_ZSTD_STATIC};${TESSERA_Z_STATIC};LLVMDemangle")
  get_directory_property(_tessera_imported IMPORTED_TARGETS)
  foreach(_target IN LISTS _tessera_imported)
    if(NOT _target MATCHES "^MLIR")
      continue()
    endif()
    get_target_property(_deps ${_target} INTERFACE_LINK_LIBRARIES)
    if(_deps)
      list(TRANSFORM _deps REPLACE "^LLVM$" "LLVMSupport")
      set_target_properties(${_target} PROPERTIES INTERFACE_LINK_LIBRARIES "${_deps}")
    endif()
  endforeach()
  add_link_options(-static-libstdc++ -static-libgcc)
endif()

# Tools and libraries of the compiler follow LLVM's build flags (no exceptions).
set(TESSERA_MLIR_LIBS MLIRIR MLIRSupport MLIRFuncDialect MLIRInferTypeOpInterface
    MLIRSideEffectInterfaces)
