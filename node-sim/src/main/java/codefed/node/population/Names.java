package codefed.node.population;

import java.util.random.RandomGenerator;

/**
 * Plausible synthetic names: common Chinese surnames and given-name characters, and Latin names.
 */
final class Names {
  /** The most common surnames, weighted by repetition towards the frequent ones. */
  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
    "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
    "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
    "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
    "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎",
    "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
    "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆",
    "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史",
    "欧阳", "司马", "上官"
  };

  private static final String GIVEN_MALE =
      "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘";
  private static final String GIVEN_FEMALE =
      "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽阳妮宝贝初程梵罡恒鸿桦骅剑娇纪宽苛灵玛媚琪晴容睿烁堂唯威韦雯苇萱阅彦宇雨洋忠宗曼紫逸贤蝶菡绿蓝儿翠烟";
  private static final String[] LATIN_GIVEN = {
    "James", "Mary", "John", "Anna", "David", "Laura", "Michael", "Sarah", "Peter", "Emma",
    "Thomas", "Julia", "Daniel", "Sophie", "Lukas", "Marie", "Hiroshi", "Yuki", "Minho", "Jiwoo",
    "Ivan", "Olga", "Ahmed", "Fatima", "Carlos", "Lucia", "Somchai", "Nguyen", "Arjun", "Priya"
  };
  private static final String[] LATIN_FAMILY = {
    "Smith",
    "Johnson",
    "Brown",
    "Miller",
    "Wilson",
    "Taylor",
    "Anderson",
    "Martin",
    "Garcia",
    "Muller",
    "Schmidt",
    "Dubois",
    "Rossi",
    "Tanaka",
    "Sato",
    "Kim",
    "Park",
    "Ivanov",
    "Petrova",
    "Hassan",
    "Silva",
    "Lopez",
    "Tran",
    "Sharma",
    "Khan",
    "Novak",
    "Larsen",
    "Jensen",
    "Costa"
  };

  private Names() {}

  static String surname(RandomGenerator random) {
    return SURNAMES[random.nextInt(SURNAMES.length)];
  }

  /** A one- or two-character given name. */
  static String given(RandomGenerator random, boolean male) {
    String pool = male ? GIVEN_MALE : GIVEN_FEMALE;
    StringBuilder name = new StringBuilder();
    int length = random.nextInt(10) < 7 ? 2 : 1;
    for (int i = 0; i < length; i++) {
      name.append(pool.charAt(random.nextInt(pool.length())));
    }
    return name.toString();
  }

  /** "Family Given" as written on a passport. */
  static String latin(RandomGenerator random) {
    return LATIN_FAMILY[random.nextInt(LATIN_FAMILY.length)]
        + " "
        + LATIN_GIVEN[random.nextInt(LATIN_GIVEN.length)];
  }
}
