# Prefer lld-19 when it is installed: it links the MLIR tools in ~0.1 s
# instead of ~1 s with ld.bfd. (/usr/bin/ld.lld is lld-14 on Debian 12.)
set(TESSERA_LLD_DIR "/usr/lib/llvm-19/bin" CACHE PATH
    "Directory holding ld.lld (lld-19); empty to use the default linker")
if(TESSERA_LLD_DIR AND EXISTS "${TESSERA_LLD_DIR}/ld.lld")
  add_link_options("-B${TESSERA_LLD_DIR}" "-fuse-ld=lld")
endif()
