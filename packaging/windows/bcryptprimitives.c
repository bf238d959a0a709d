/* Test-only stub for wine 8 (scripts/test-dist-win.sh): Rust's std (1.78+) gets random bytes from ProcessPrng in
 * bcryptprimitives.dll, which wine 8 lacks. This forwards to RtlGenRandom (advapi32 SystemFunction036).
 * Never shipped in the installer: real Windows 10/11 has the real DLL. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
