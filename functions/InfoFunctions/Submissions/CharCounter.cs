namespace InfoFunctions.Submissions;

/// <summary>
/// 字数 as Chinese editors (and Word's 字数统计 "中文字符和朝鲜语单词 + 非中文单词") count it:
/// every CJK character and every full-width / CJK punctuation mark counts 1; each run of
/// Latin letters or digits (with inner apostrophes, dots or hyphens, e.g. "3.5", "COVID-19")
/// counts 1; other ASCII punctuation and whitespace count nothing.
/// </summary>
public static class CharCounter
{
    public static int Count(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        int count = 0;
        bool inWord = false;
        var runes = text.EnumerateRunes().ToArray();
        for (int i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            if (IsWordChar(r))
            {
                if (!inWord)
                    count++;
                inWord = true;
                continue;
            }
            // "3.5", "don't", "COVID-19": a joiner between two word characters keeps the word going.
            if (inWord && i + 1 < runes.Length && IsJoiner(r, runes[i - 1], runes[i + 1]))
                continue;
            inWord = false;
            if (IsCjk(r) || IsFullWidthOrCjkPunctuation(r))
                count++;
        }
        return count;
    }

    private static bool IsJoiner(Rune r, Rune before, Rune after) =>
        r.Value switch
        {
            '.' or ',' => Rune.IsDigit(before) && Rune.IsDigit(after),
            '\'' or '-' => IsWordChar(after),
            _ => false,
        };

    /// <summary>
    /// ASCII and full-width Latin letters and digits, and other non-CJK letters (e.g. Greek, Cyrillic).
    /// </summary>
    private static bool IsWordChar(Rune r)
    {
        if (IsCjk(r))
            return false;
        if (r.Value is >= 0xFF10 and <= 0xFF19 or >= 0xFF21 and <= 0xFF3A or >= 0xFF41 and <= 0xFF5A)
            return true;
        return Rune.IsLetterOrDigit(r) && !IsFullWidthOrCjkPunctuation(r);
    }

    public static bool IsCjk(Rune r) =>
        r.Value switch
        {
            >= 0x4E00 and <= 0x9FFF => true, // CJK Unified Ideographs
            >= 0x3400 and <= 0x4DBF => true, // Extension A
            >= 0x20000 and <= 0x323AF => true, // Extensions B–H
            >= 0xF900 and <= 0xFAFF => true, // Compatibility Ideographs
            >= 0x3040 and <= 0x30FF => true, // kana (counted like Word does)
            >= 0xAC00 and <= 0xD7AF => true, // Hangul syllables
            0x3007 => true, // 〇
            _ => false,
        };

    private static bool IsFullWidthOrCjkPunctuation(Rune r) =>
        r.Value switch
        {
            >= 0x3000 and <= 0x303F => r.Value != 0x3000, // CJK symbols and punctuation (not the ideographic space)
            >= 0xFF01 and <= 0xFF0F or >= 0xFF1A and <= 0xFF20 or >= 0xFF3B and <= 0xFF40 or >= 0xFF5B and <= 0xFF65 =>
                true,
            >= 0xFE30 and <= 0xFE4F => true, // CJK compatibility forms
            >= 0xFE10 and <= 0xFE1F => true, // vertical forms
            // —― ‘’ “” … ·
            0x2014 or 0x2015 or 0x2018 or 0x2019 or 0x201C or 0x201D or 0x2026 or 0x00B7 or 0x2022 => true,
            _ => Rune.GetUnicodeCategory(r) is UnicodeCategory.OtherPunctuation && r.Value > 0x2E7F,
        };
}
