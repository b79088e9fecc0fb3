"""The canonical model of one 财政项目支出绩效目标表, as typed pydantic models.

Field names are the YAML keys. ``python -m generator schema`` exports the JSON
Schema (``schema/project.schema.json``) so editors validate YAML while typing.
Amounts are in 万元; an empty published cell stays ``null``, never 0.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Operator = Literal["=", "≥", ">", "≤", "<", "±"]
Category = Literal["专项资金", "经常性项目", "一次性项目", "阶段性项目"]
ProjectClass = Literal["特定目标类", "其他运转类"]
Attribute = Literal["新增项目", "延续项目"]
TableType = Literal["申报表", "批复表", "审批表"]
Direction = Literal["正向", "反向"]
CurrencyUnit = Literal["万元", "元"]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,118}[a-z0-9]$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=False)


class Target(_Model):
    """A target value (指标值): the published text plus its parsed parts."""

    text: str
    """The value exactly as published, e.g. ``=100.00(%)`` or ``及时``."""
    operator: Optional[Operator] = None
    """Comparison operator; absent for qualitative values and for values that lost it."""
    number: Optional[Decimal] = None
    """The numeric part; absent for qualitative values."""
    unit: Optional[str] = None
    """Unit of measure as published, e.g. ``%``, ``名``, ``人/次``."""

    @property
    def qualitative(self) -> bool:
        """True when the value has no number (定性)."""
        return self.number is None

    @model_validator(mode="after")
    def _operator_needs_number(self) -> "Target":
        if self.operator is not None and self.number is None:
            raise ValueError("an operator needs a number")
        return self


class Indicator(_Model):
    """One 三级指标 row with its tier labels, in published order."""

    level1: NonEmpty
    """一级指标, canonical name (产出指标 / 成本指标 / 效益指标 / 满意度指标)."""
    level2: NonEmpty
    """二级指标, canonical name (数量指标, 社会效益指标, …)."""
    name: NonEmpty
    """三级指标 as published."""
    target: Optional[Target] = None
    """年度指标值 (annual target); null only when the published cell was empty."""
    long_term_target: Optional[Target] = None
    """实施期 / 长期 target, for tables that publish one."""
    weight: Optional[Decimal] = None
    """分值 / 权重, when published."""
    direction: Optional[Direction] = None
    """指标方向 (正向 / 反向), when published."""
    explanation: Optional[str] = None
    """指标解释, when published."""
    standard: Optional[str] = None
    """绩效标准 (评分标准), when published."""
    published: Optional[dict[Literal["level1", "level2"], str]] = None
    """Tier labels as printed when they differ from the canonical name (truncated, wrapped, aliased)."""
    ignore: Optional[dict[str, NonEmpty]] = None
    """Validator rules silenced for this indicator: rule id → the reason why."""

    @field_validator("target", "long_term_target", mode="before")
    @classmethod
    def _parse_shorthand(cls, value: object) -> object:
        """Accept ``target: =100.00(%)`` as shorthand for the parsed mapping."""
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            from generator.values import parse_value

            return parse_value(str(value))
        return value


class Funds(_Model):
    """项目资金 in 万元. ``null`` where the published cell was empty."""

    total: Optional[Decimal] = None
    """项目资金总额."""
    fiscal: Optional[Decimal] = None
    """其中：财政资金."""
    other: Optional[Decimal] = None
    """其他资金 (project total side)."""
    annual_total: Optional[Decimal] = None
    """年度资金申请总额."""
    annual_fiscal: Optional[Decimal] = None
    """其中：当年财政拨款."""
    annual_carryover: Optional[Decimal] = None
    """上年结转资金."""
    annual_other: Optional[Decimal] = None
    """其他资金 (annual side)."""
    source_unit: CurrencyUnit = "万元"
    """The unit the source published amounts in; amounts here are always 万元."""


class Goals(_Model):
    """项目总目标 and 年度总体目标, as plain text."""

    total: Optional[str] = None
    """项目总目标 (实施期绩效目标)."""
    total_period: Optional[str] = None
    """The period printed with 项目总目标, e.g. ``2023年-2023年``."""
    annual: Optional[str] = None
    """年度总体目标 (本年度绩效目标)."""


class Source(_Model):
    """Where the table came from, so every number can be traced back."""

    file: str
    """Source file name (no directories)."""
    format: Literal["text", "docx", "xlsx", "csv", "pdf", "yaml"] = "text"
    table: Optional[int] = None
    """1-based number of the table within the file."""
    sha256: Optional[str] = None
    """SHA-256 of the source file."""
    pages: Optional[list[int]] = None
    """PDF pages the table was read from."""


class Project(_Model):
    """One 财政项目支出绩效目标表."""

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    """Stable URL slug; never changes when the name is edited."""
    year: Annotated[int, Field(ge=1990, le=2100)]
    """Table year (YYYY年度)."""
    name: NonEmpty
    """项目名称."""
    category: Optional[Category] = None
    """项目类别 (the ticked box); 项目性质 in the newer Shanghai 申报表."""
    project_class: Optional[ProjectClass] = None
    """项目类别 of the newer Shanghai 申报表 (特定目标类 / 其他运转类)."""
    attribute: Optional[Attribute] = None
    """项目属性 (新增项目 / 延续项目), on forms that print it (ticked box or text)."""
    department: NonEmpty
    """主管部门."""
    implementer: NonEmpty
    """实施单位."""
    start_date: Optional[date] = None
    """计划开始日期."""
    end_date: Optional[date] = None
    """计划完成日期."""
    funds: Funds = Field(default_factory=Funds)
    goals: Goals = Field(default_factory=Goals)
    indicators: list[Indicator] = Field(default_factory=list)
    """三级 indicators in published order, each with its 一级 and 二级."""
    table_type: TableType = "申报表"
    """申报表 / 批复表 / 审批表."""
    region: Optional[str] = None
    """Issuing region, e.g. 上海市闵行区."""
    source: Optional[Source] = None
