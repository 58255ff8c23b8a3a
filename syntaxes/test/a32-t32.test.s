@ SYNTAX TEST "source.arm-asm" "A32/T32 mnemonics with condition and size suffixes, directives, numbers, comments"
    .syntax unified
@   ^^^^^^^ keyword.control.directive.arm-asm
    .section .text.boot, "ax", %progbits
@   ^^^^^^^^ keyword.control.directive.arm-asm
@                        ^^^^ string.quoted.double.arm-asm
    .global _start
@   ^^^^^^^ keyword.control.directive.arm-asm
@           ^^^^^^ variable.other.symbol.arm-asm
_start: ldr sp, =0x40100000
@ <------ entity.name.function.label.arm-asm
@       ^^^ keyword.mnemonic.memory.arm-asm
@           ^^ variable.language.register.arm-asm
@                ^^^^^^^^^^ constant.numeric.hex.arm-asm
    addseq r0, r1, r2, lsl #2
@   ^^^^^^ keyword.mnemonic.arm-asm
@                      ^^^ keyword.operator.shift.arm-asm
@                          ^^ constant.numeric.decimal.arm-asm
    addeqs r0, r0, #1
@   ^^^^^^ keyword.mnemonic.arm-asm
    ADD.W r0, r1, #0b1010
@   ^^^^^ keyword.mnemonic.arm-asm
@                 ^^^^^^^ constant.numeric.binary.arm-asm
    ldrbne r3, [r4, #-4]!
@   ^^^^^^ keyword.mnemonic.memory.arm-asm
@               ^^ variable.language.register.arm-asm
    ldrexd r0, r1, [r2]
@   ^^^^^^ keyword.mnemonic.memory.arm-asm
    stmdb sp!, {r4-r11, lr}
@   ^^^^^ keyword.mnemonic.memory.arm-asm
@              ^ punctuation.section.brackets.arm-asm
    push {r0, r1}
@   ^^^^ keyword.mnemonic.memory.arm-asm
    bls .Lout
@   ^^^ keyword.mnemonic.branch.arm-asm
    blx r3
@   ^^^ keyword.mnemonic.branch.arm-asm
    cbz r0, 2f
@   ^^^ keyword.mnemonic.branch.arm-asm
@           ^^ constant.other.local-label.arm-asm
    itte ne
@   ^^^^ keyword.mnemonic.it.arm-asm
    movne.n r0, #1
@   ^^^^^^^ keyword.mnemonic.arm-asm
    movw r0, #:lower16:sym
@   ^^^^ keyword.mnemonic.arm-asm
    umlalge r0, r1, r2, r3
@   ^^^^^^^ keyword.mnemonic.arm-asm
    smlabb r0, r1, r2, r3
@   ^^^^^^ keyword.mnemonic.arm-asm
    uadd16 r0, r1, r2
@   ^^^^^^ keyword.mnemonic.arm-asm
    vadd.f32 s0, s1, s2
@   ^^^^^^^^ keyword.mnemonic.arm-asm
@            ^^ variable.language.register.fp.arm-asm
    vmrs APSR_nzcv, fpscr
@   ^^^^ keyword.mnemonic.system.arm-asm
@                   ^^^^^ variable.language.register.fp.arm-asm
    cpsid if
@   ^^^^^ keyword.mnemonic.system.arm-asm
    /* block comment */ nop
@   ^^^^^^^^^^^^^^^^^^^ comment.block.arm-asm
    .word 0x12345678, 42
@   ^^^^^ keyword.control.directive.arm-asm
@                     ^^ constant.numeric.decimal.arm-asm
#include "board.h"
@ <- meta.preprocessor.arm-asm punctuation.definition.preprocessor.arm-asm
@^^^^^^^ meta.preprocessor.arm-asm keyword.control.preprocessor.arm-asm
    .asciz "hi\n"
@             ^^ string.quoted.double.arm-asm constant.character.escape.arm-asm
