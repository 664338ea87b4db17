# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# The imported target xxHash::xxhash, used by the device prelude (its hash),
# the runtime (checksums, cache keys) and the compiler.
# xxHash (Debian: libxxhash-dev). The static library is preferred so that the
# runtime's binaries do not need libxxhash.so on the GPU machine.
find_path(TESSERA_XXHASH_INCLUDE_DIR xxhash.h)
find_library(TESSERA_XXHASH_LIBRARY NAMES libxxhash.a xxhash)
if(NOT TESSERA_XXHASH_INCLUDE_DIR OR NOT TESSERA_XXHASH_LIBRARY)
  message(FATAL_ERROR "xxHash not found (xxhash.h: ${TESSERA_XXHASH_INCLUDE_DIR}, "
                      "library: ${TESSERA_XXHASH_LIBRARY}); install libxxhash-dev "
                      "or set TESSERA_XXHASH_INCLUDE_DIR and TESSERA_XXHASH_LIBRARY")
endif()
if(NOT TARGET xxHash::xxhash)
  add_library(xxHash::xxhash UNKNOWN IMPORTED)
  set_target_properties(xxHash::xxhash PROPERTIES
    IMPORTED_LOCATION "${TESSERA_XXHASH_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${TESSERA_XXHASH_INCLUDE_DIR}")
endif()

