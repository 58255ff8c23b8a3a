@ SYNTAX TEST "source.arm-asm" "virtualization instructions, banked registers, coprocessor operands"
hyp_entry:
@ <------- entity.name.function.label.arm-asm
@        ^ punctuation.separator.label.arm-asm
    mcr p15, 4, r0, c1, c1, 0      @ HCR
@   ^^^ keyword.mnemonic.coprocessor.arm-asm
@       ^^^ support.variable.coprocessor.arm-asm
@            ^ constant.numeric.decimal.arm-asm
@               ^^ variable.language.register.arm-asm
@                   ^^ support.variable.coprocessor-register.arm-asm
@                       ^^ support.variable.coprocessor-register.arm-asm
@                                  ^^^^^ comment.line.at-sign.arm-asm
    mrrc p15, 6, r2, r3, c2        // VTTBR
@   ^^^^ keyword.mnemonic.coprocessor.arm-asm
@                        ^^ support.variable.coprocessor-register.arm-asm
@                                  ^^^^^^^^ comment.line.double-slash.arm-asm
    mcreq p15, 0, r1, c7, c5, 0
@   ^^^^^ keyword.mnemonic.coprocessor.arm-asm
    hvc #0x10
@   ^^^ keyword.mnemonic.virtualization.arm-asm
@       ^^^^^ constant.numeric.hex.arm-asm
    eret
@   ^^^^ keyword.mnemonic.virtualization.arm-asm
    smc #0
@   ^^^ keyword.mnemonic.virtualization.arm-asm
    msr ELR_hyp, lr
@   ^^^ keyword.mnemonic.system.arm-asm
@       ^^^^^^^ variable.language.register.banked.arm-asm
@                ^^ variable.language.register.arm-asm
    mrs r0, SP_svc
@           ^^^^^^ variable.language.register.banked.arm-asm
    msr r8_fiq, r1
@       ^^^^^^ variable.language.register.banked.arm-asm
    mrs r1, spsr_hyp
@           ^^^^^^^^ variable.language.register.banked.arm-asm
    msr spsr_cxsf, r2
@       ^^^^^^^^^ variable.language.register.status.arm-asm
    mrs r3, LR_irq
@           ^^^^^^ variable.language.register.banked.arm-asm
1:  wfi
@ <- entity.name.function.label.arm-asm
@   ^^^ keyword.mnemonic.system.arm-asm
    b 1b
@   ^ keyword.mnemonic.branch.arm-asm
@     ^^ constant.other.local-label.arm-asm
    dsb ish
@   ^^^ keyword.mnemonic.system.arm-asm
@       ^^^ support.constant.barrier-option.arm-asm
