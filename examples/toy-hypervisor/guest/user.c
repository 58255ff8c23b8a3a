/*
 * user.c - the guest's user-mode task (PL0). It prints through system calls and uses the FP unit,
 * which neither its kernel nor the hypervisor has enabled yet.
 */
#include "guest.h"

void user_main(void)
{
    syscall(SYS_PRINT, (u32)"hello from the user task (User mode)\n");
    u32 before = read_fpscr();          /* UNDEFINED, then trapped, then UNDEFINED, then fine */
    write_fpscr(before | (3u << 22));   /* RMode = round towards zero */
    syscall(SYS_PRINT, (u32)"FPSCR after setting RMode: ");
    syscall(SYS_HEX, read_fpscr());
    syscall(SYS_EXIT, 0);
}
