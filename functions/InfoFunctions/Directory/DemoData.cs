using InfoFunctions.DirectoryFeature.Import;

namespace InfoFunctions.DirectoryFeature;

/// <summary>
/// A demo directory for newcomers: the real unit structure of a prefecture-level city (modelled on
/// 宿州市) with each unit's 简称, the carriers named in the seed document, and fictional people with example.org
/// addresses.
/// </summary>
public static class DemoData
{
    private const string C = "committee", J = "judicial", X = "county", T = "township";

    public static readonly IReadOnlyList<UnitInput> Units =
    [
        U("sz-bgs", "市人大常委会办公室", "办公室", C),
        U("sz-yjs", "市人大常委会研究室", "研究室", C),
        U("sz-fgw", "市人大常委会法制工作委员会", "法工委", C),
        U("sz-cjw", "市人大常委会财政经济工作委员会", "财经工委", C),
        U("sz-jkw", "市人大常委会教育科学文化卫生工作委员会", "教科文卫工委", C),
        U("sz-nnw", "市人大常委会农业与农村工作委员会", "农工委", C),
        U("sz-chw", "市人大常委会城乡建设环境保护工作委员会", "城建环保工委", C),
        U("sz-nsw", "市人大常委会内务司法工作委员会", "内司工委", C),
        U("sz-dbw", "市人大常委会代表工作委员会", "代表工委", C),
        U("sz-rxw", "市人大常委会人事代表选举任免工作委员会", "人事代表选任工委", C),
        U("sz-fy", "宿州市中级人民法院", "市中院", J),
        U("sz-jcy", "宿州市人民检察院", "市检察院", J),
        U("yq", "埇桥区人大常委会", "埇桥区", X),
        U("ds", "砀山县人大常委会", "砀山县", X),
        U("xx", "萧县人大常委会", "萧县", X),
        U("lb", "灵璧县人大常委会", "灵璧县", X),
        U("sx", "泗县人大常委会", "泗县", X),
        U("yq-fl", "埇桥区符离镇人大", "符离镇", T, "yq"),
        U("yq-jg", "埇桥区夹沟镇人大", "夹沟镇", T, "yq"),
        U("ds-lz", "砀山县李庄镇人大", "李庄镇", T, "ds"),
        U("xx-hk", "萧县黄口镇人大", "黄口镇", T, "xx"),
        U("lb-yg", "灵璧县渔沟镇人大", "渔沟镇", T, "lb"),
        U("sx-dz", "泗县大庄镇人大", "大庄镇", T, "sx"),
    ];

    public static readonly IReadOnlyList<CarrierInput> Carriers =
    [
        // The magazines print photos (each needs a caption); the website and the 信息专刊 bulletins print text.
        new("ah-web", "省人大外网", "provincial", "website", null, RequiresCaptions: false),
        new("ah-dbzs", "《代表之声》", "provincial", "periodical", null, RequiresCaptions: true),
        new("ah-xxzk", "《信息专刊》", "provincial", "periodical", null, RequiresCaptions: false),
        new("sz-rd", "《宿州人大》", "municipal", "periodical", null, RequiresCaptions: true),
        new("sz-xxzk", "《宿州人大信息专刊》", "municipal", "periodical", null, RequiresCaptions: false),
    ];

    private const string Full = "fullTime", Part = "partTime";
    private static readonly string Officer = Roles.Name(Role.Officer), Editor = Roles.Name(Role.Editor),
        Signer = Roles.Name(Role.Signer), Leader = Roles.Name(Role.Leader), Admin = Roles.Name(Role.Admin);

    /// <summary>Fictional people. Ids are fixed so a newcomer can issue tokens for them by id.</summary>
    public static readonly IReadOnlyList<PersonInput> People =
    [
        // 研究室: the information section that runs the workflow.
        P("demo-zhou-mingyuan", "周明远", "zhou.mingyuan", "sz-yjs", [Signer, Editor], Full, false, 0),
        P("demo-lin-xiaowen", "林晓雯", "lin.xiaowen", "sz-yjs", [Editor, Officer], Full, false, 24),
        P("demo-he-jiarui", "何嘉瑞", "he.jiarui", "sz-yjs", [Editor, Officer], Full, false, 24),
        P("demo-song-yiran", "宋怡然", "song.yiran", "sz-yjs", [Admin], Full, false, 0),
        // 常委会领导 (secretary-general, leads the information work group), attached to 办公室; signs off (签发)
        // what 周明远 edited or approved himself.
        P("demo-gao-jianguo", "高建国", "gao.jianguo", "sz-bgs", [Leader, Signer], Full, true, 0),
        // One part-time officer per committee office; they rotate into the research office.
        P("demo-wu-haoran", "吴浩然", "wu.haoran", "sz-bgs", [Officer], Part, false, 12),
        P("demo-zheng-lu", "郑璐", "zheng.lu", "sz-fgw", [Officer], Part, false, 12),
        P("demo-qian-bowen", "钱博文", "qian.bowen", "sz-cjw", [Officer], Part, false, 12),
        P("demo-sun-yating", "孙雅婷", "sun.yating", "sz-jkw", [Officer], Part, false, 12),
        P("demo-feng-zhiqiang", "冯志强", "feng.zhiqiang", "sz-nnw", [Officer], Part, false, 12),
        P("demo-chen-siyu", "陈思雨", "chen.siyu", "sz-chw", [Officer], Part, false, 12),
        P("demo-chu-tianyi", "褚天翼", "chu.tianyi", "sz-nsw", [Officer], Part, false, 12),
        P("demo-wei-xinyi", "卫心怡", "wei.xinyi", "sz-dbw", [Officer], Part, false, 12),
        P("demo-jiang-wenbo", "蒋文博", "jiang.wenbo", "sz-rxw", [Officer], Part, false, 12),
        // 法检两院.
        P("demo-shen-jiahui", "沈佳慧", "shen.jiahui", "sz-fy", [Officer], Part, false, 10),
        P("demo-han-zihao", "韩子豪", "han.zihao", "sz-jcy", [Officer], Part, false, 10),
        // 县区人大常委会: a full-time officer each, some deputies among them.
        P("demo-yang-fan", "杨帆", "yang.fan", "yq", [Officer], Full, false, 20),
        P("demo-zhu-lingling", "朱玲玲", "zhu.lingling", "yq", [Officer], Part, true, 6),
        P("demo-qin-haoyu", "秦浩宇", "qin.haoyu", "ds", [Officer], Full, false, 20),
        P("demo-you-shiqi", "尤诗琪", "you.shiqi", "ds", [Officer], Part, true, 6),
        P("demo-xu-zhenyu", "许振宇", "xu.zhenyu", "xx", [Officer], Full, false, 20),
        P("demo-he-mengjie", "何梦洁", "he.mengjie", "xx", [Officer], Part, true, 6),
        P("demo-lv-guodong", "吕国栋", "lv.guodong", "lb", [Officer], Full, false, 20),
        P("demo-shi-yuqing", "施雨晴", "shi.yuqing", "sx", [Officer], Full, false, 20),
        P("demo-zhang-lei", "张磊", "zhang.lei", "sx", [Officer], Part, true, 6),
        // 乡镇人大: part-time, often deputies themselves.
        P("demo-kong-dezhi", "孔德志", "kong.dezhi", "yq-fl", [Officer], Part, true, 6),
        P("demo-cao-xiaomei", "曹晓梅", "cao.xiaomei", "yq-jg", [Officer], Part, false, 6),
        P("demo-yan-jun", "严俊", "yan.jun", "ds-lz", [Officer], Part, true, 6),
        P("demo-hua-li", "华丽", "hua.li", "xx-hk", [Officer], Part, false, 6),
        P("demo-jin-chengwu", "金成武", "jin.chengwu", "lb-yg", [Officer], Part, true, 6),
        P("demo-wei-shuang", "魏爽", "wei.shuang", "sx-dz", [Officer], Part, false, 6),
    ];

    public static IReadOnlyList<UnitRow> UnitRows => Units.Select((u, i) => new UnitRow(i + 1, u)).ToList();
    public static IReadOnlyList<PersonRow> PersonRows => People.Select((p, i) => new PersonRow(i + 1, p, [])).ToList();

    private static UnitInput U(string id, string name, string shortName, string level, string? parent = null) =>
        new(id, name, level, parent, null, shortName);

    private static PersonInput P(string id, string name, string mailbox, string unit, string[] roles,
        string employment, bool deputy, int quota) =>
        new(id, name, $"{mailbox}@example.org", null, unit, roles, employment, deputy, quota, null);
}
