/* bcryptprimitives.c — for the Wine test only (scripts/wine-check.sh).
 * Go programs need ProcessPrng from bcryptprimitives.dll, which every
 * Windows 10/11 has but Debian 12's Wine 8 lacks; this stand-in answers it
 * with the system RNG. It is never shipped. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
